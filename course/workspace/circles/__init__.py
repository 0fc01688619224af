"""Review circles: forming them and moving members between them."""
