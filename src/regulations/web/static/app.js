// A few lines of progressive enhancement; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // find a unit kind by its Chinese name (or code): narrow the list, select the first match
  for (const input of document.querySelectorAll("input.filter")) {
    const select = document.getElementById(input.dataset.filter);
    if (!select) continue;
    input.addEventListener("input", () => {
      const wanted = input.value.trim().toLowerCase();
      let first = null;
      for (const option of select.options) {
        if (!option.value) continue;
        const text = (option.textContent + " " + (option.dataset.terms || "")).toLowerCase();
        option.hidden = wanted !== "" && !text.includes(wanted);
        if (!option.hidden && first === null) first = option;
      }
      if (wanted && first) select.value = first.value;
    });
  }
});
// print every explanation and folded section open
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details")) details.open = true;
});
