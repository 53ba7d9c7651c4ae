"""The laid-out parts of the handbook (handbook/layout.py) bound into one PDF with pypdf.

Each part is a PDF of its own, without outline or internal links (most of the contents' and the
index's links lead into other parts). Bound, the pages are numbered on across the parts, so the
outline and the links are made here again, pointing to pages of the whole: the outline nested
by the bookmark levels of handbook.css (Contents, The network, Member organisations > an
organisation > its units and offers, the index), the links where WeasyPrint found them.
pypdf writes no object streams, where WeasyPrint compressed the outline and the links with
everything else: they are written here as small as they can be (thousands of links in the index).
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
    TreeObject,
)

from .layout import Part


def bind(parts: list[Part], numbers: dict[int, Part]) -> bytes:
    """The pages of `parts` in order. `numbers` gives, for a part laid out without page numbers
    (by its position), a document of as many pages with nothing but their numbers: each of its
    pages is stamped onto the part's page."""
    writer = PdfWriter()
    firsts = []  # the index of each part's first page in the whole
    for position, part in enumerate(parts):
        firsts.append(len(writer.pages))
        stamps = PdfReader(io.BytesIO(numbers[position].pdf)).pages if position in numbers else None
        for i, page in enumerate(PdfReader(io.BytesIO(part.pdf)).pages):
            page = writer.add_page(page)
            if stamps:
                page.merge_page(stamps[i])
                # pypdf leaves the merged content uncompressed: six times the size.
                page.compress_content_streams()

    def destination(page: int, x: float, y: float) -> ArrayObject:
        page_reference = writer.pages[page].indirect_reference
        return ArrayObject([page_reference, NameObject("/XYZ"), FloatObject(x), FloatObject(y), NullObject()])

    # An anchor is where its id is first found, as in a document laid out at once.
    anchors = {}
    for first, part in zip(firsts, parts, strict=True):
        for name, (page, (x, y)) in part.anchors.items():
            anchors.setdefault(name, (first + page, x, y))

    # The bookmarks nest by level across the parts: the second group's organisations go under
    # "Member organisations", which the first group's heading opened.
    open_items = []  # (level, outline item), from the outermost in
    for first, part in zip(firsts, parts, strict=True):
        for page, level, label, (x, y), is_open in part.bookmarks:
            while open_items and open_items[-1][0] >= level:
                open_items.pop()
            item = TreeObject()
            item[NameObject("/Title")] = TextStringObject(label)
            item[NameObject("/Dest")] = destination(first + page, x, y)
            parent = open_items[-1][1] if open_items else None
            open_items.append((level, writer.add_outline_item_destination(item, parent, is_open=is_open)))

    no_border = writer._add_object(DictionaryObject({NameObject("/W"): NumberObject(0)}))
    for first, part in zip(firsts, parts, strict=True):
        # WeasyPrint makes a link of each box of a line (in the contents: the text, the leaders
        # and the number); one to each place from each page is enough, over all of them.
        areas = {}
        for page, anchor, (x1, y1, x2, y2) in part.links:
            if (page, anchor) in areas:
                a1, b1, a2, b2 = areas[page, anchor]
                x1, y1, x2, y2 = min(x1, a1), min(y1, b1), max(x2, a2), max(y2, b2)
            areas[page, anchor] = (x1, y1, x2, y2)
        for (page, anchor), rectangle in areas.items():
            if anchor not in anchors:
                continue
            link = DictionaryObject(
                {
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject(FloatObject(value) for value in rectangle),
                    NameObject("/BS"): no_border,
                    NameObject("/Dest"): destination(*anchors[anchor]),
                }
            )
            on = writer.pages[first + page]
            annotations = on.setdefault(NameObject("/Annots"), ArrayObject()).get_object()
            annotations.append(writer._add_object(link))

    # Title, author, subject, date and language, as WeasyPrint wrote them for the front matter.
    front = PdfReader(io.BytesIO(parts[0].pdf))
    writer.add_metadata(front.metadata or {})
    if "/Lang" in front.root_object:
        writer.root_object[NameObject("/Lang")] = front.root_object["/Lang"]
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
