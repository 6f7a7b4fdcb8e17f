"""The Chinese font shipped with the package, registered with matplotlib on first use.

The file is a GB2312 subset of Noto Sans CJK SC (SIL OFL 1.1, see ``fonts/OFL.txt`` and
``fonts/README.md``). Registration happens when a chart is drawn, not when the package is
imported, and does not change the user's rcParams.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FONT_FILE = Path(__file__).parent / "fonts" / "NotoSansSCSubsetIF-Regular.otf"
FALLBACK = "DejaVu Sans"


#: The shipped font's family name, as fontconfig and matplotlib read it from the file.
FAMILY = "Noto Sans SC Subset IF"


@lru_cache(maxsize=1)
def cjk_family() -> str:
    """Register the shipped font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_FILE))
    return str(font_manager.FontProperties(fname=str(FONT_FILE)).get_name())


def font_rc() -> dict[RcKeyType, Any]:
    """rcParams to draw with: the shipped CJK font first, DejaVu Sans for anything else."""
    return {"font.family": [cjk_family(), FALLBACK], "axes.unicode_minus": True}
