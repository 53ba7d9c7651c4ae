() => {
  // Focuses, in turn, every element that Tab can reach, and says which of them a sighted
  // keyboard user could not see: no outline or box-shadow while focused, or no place on screen.
  // Focus moved by a script after a key press keeps :focus-visible, as a Tab would.
  const reachable = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], "
                    + "[contenteditable='true'], [contenteditable='']";
  const problems = [];
  for (const el of document.querySelectorAll(reachable)) {
    if (el.tabIndex < 0 || el.getClientRects().length === 0) continue;  // Tab skips it
    el.focus();
    if (document.activeElement !== el) continue;  // disabled, hidden or inert: not focusable
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "")
      .trim().replace(/\s+/g, " ").slice(0, 50);
    const name = `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> "${text}"`;
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
    if (!outline && style.boxShadow === "none") {
      problems.push(`${name} shows no focus (no outline, no box-shadow)`);
    }
    if (!(box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
          && box.top < innerHeight && box.left < innerWidth)) {
      problems.push(`${name} takes focus but is not on screen`);
    }
  }
  return problems;
}
