() => {
  // What has focus now, and whether a sighted keyboard user can see it; null when nothing has.
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const visibleOutline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
  return {
    name: `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${(el.innerText || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 50)}`,
    href: el.getAttribute("href"),
    hreflang: el.getAttribute("hreflang"),
    isSkipLink: el.classList.contains("skip-link"),
    inMainNav: !!el.closest(".main-nav"),
    visibleFocus: visibleOutline || style.boxShadow !== "none",
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
              && box.top < innerHeight && box.left < innerWidth,
  };
}
