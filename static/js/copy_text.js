// "Copy the text" buttons: copy the text of the element named in data-copy and say so in the button's status.
// Without script (or clipboard access) the text stays selectable in its box.
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    try {
      await navigator.clipboard.writeText(source.value ?? source.textContent);
      status.textContent = button.dataset.copied;
    } catch {
      source.select?.();
      status.textContent = button.dataset.copyFailed;
    }
  });
}
