// The wall refreshes itself: it asks for its posts with the version it shows, and swaps them in only when the
// server answers with a newer one (204 means nothing changed). No mouse, no keyboard, nothing to click.
const posts = document.getElementById("wall-posts");
const every = Number(posts.dataset.every || 4) * 1000;

async function refresh() {
  try {
    const url = `${posts.dataset.source}?version=${encodeURIComponent(posts.dataset.version)}`;
    const response = await fetch(url, { cache: "no-store", credentials: "omit" });
    if (response.status === 200) {
      const shown = new Set([...posts.querySelectorAll("[data-post]")].map((post) => post.dataset.post));
      posts.innerHTML = await response.text();
      for (const post of posts.querySelectorAll("[data-post]")) {
        if (!shown.has(post.dataset.post)) post.classList.add("wall-post--new");
      }
      posts.dataset.version = response.headers.get("X-Wall-Version") || posts.dataset.version;
    } else if (response.status === 404) {
      posts.innerHTML = "";  // the link was stopped or has expired
      return;
    }
  } catch {
    // The venue's network dropped for a moment: keep what is shown and try again.
  }
  setTimeout(refresh, every);
}

setTimeout(refresh, every);
