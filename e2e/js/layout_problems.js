(width) => {
  // What makes the page scroll sideways or cuts text off, in words a failing test can print.
  // `width` is the device's: a phone zooms out to show a page wider than itself, so that
  // window.innerWidth grows with the page.
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${width}px window`);
  }
  const describe = (el) => {
    const text = (el.innerText || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.classList.length ? "." + [...el.classList].join(".") : ""}> "${text}"`;
  };
  const scrollsItself = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Not shown, or shown to screen readers only (1 px boxes).
    if (style.display === "none" || style.visibility === "hidden" || box.width <= 1 || box.height <= 1) continue;
    // A text field scrolls what is typed into it with the caret: a long value is not cut off.
    const scrollsItsValue = el.matches("input, textarea");
    if (!scrollsItsValue && /(hidden|clip)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} cuts off its content (${el.scrollWidth}px in ${el.clientWidth}px)`);
    } else if (/(hidden|clip)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
      problems.push(`${describe(el)} cuts off its content (${el.scrollHeight}px high in ${el.clientHeight}px)`);
    }
    if ((box.right > width + 1 || box.left < -1) && !scrollsItself(el)) {
      problems.push(`${describe(el)} reaches outside the window (${Math.round(box.left)}…${Math.round(box.right)}px of ${width}px)`);
    }
  }
  return problems;
}
