"""Subset Noto Sans CJK SC Regular to GB2312 + ASCII + punctuation (for indicator_forecast
charts)."""

import sys

from fontTools import subset

src, dst, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update(chr(c) for c in range(0xA0, 0x180))       # Latin-1 + Latin Extended-A
chars.update(chr(c) for c in range(0x2000, 0x2070))    # general punctuation
chars.update(chr(c) for c in range(0x2100, 0x2200))    # letterlike, number forms, arrows
chars.update(chr(c) for c in range(0x2200, 0x2300))    # math operators
chars.update(chr(c) for c in range(0x2460, 0x24FF))    # circled numbers
chars.update(chr(c) for c in range(0x3000, 0x3040))    # CJK symbols and punctuation
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))    # fullwidth forms
chars.update("−〔〕【】…—·")
for path in extra:
    chars.update(open(path, encoding="utf-8").read())
chars = {c for c in chars if c.isprintable() or c == " "}
opts = subset.Options()
opts.layout_features = ["*"]
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.hinting = False
font = subset.load_font(src, opts)
s = subset.Subsetter(opts)
s.populate(text="".join(sorted(chars)))
s.subset(font)
name = font["name"]
fam = "Noto Sans SC Subset IF"
ps = "NotoSansSCSubsetIF-Regular"
for rec in name.names:
    if rec.nameID in (1, 16):
        rec.string = fam
    elif rec.nameID == 4:
        rec.string = fam + " Regular"
    elif rec.nameID == 6:
        rec.string = ps
    elif rec.nameID == 3:
        rec.string = "1.004;GOOG;" + ps + ";subset-GB2312"
if "CFF " in font:
    cff = font["CFF "].cff
    cff.fontNames = [ps]
font.save(dst)
print(len(chars), "chars requested;", len(font.getBestCmap()), "mapped")
