"""Who published a source, and whether it can be cited as it stands.

:func:`classify_source` reads a source URL (or a publisher's name) and says who published it and
which of three kinds it is: ``"official"`` (a government or statistics office's own site:
``*.gov.cn``, ``stats.gov.cn`` …), ``"media"`` (a state or mainstream news organisation's own
site, fit to cite but second-hand for a statistic), or ``"repost"`` — anything else: content
farms, mirrors, forums, reposts of a communiqué, a bare IP address. A repost is marked 转载/待核 in
the evidence, so the analyst knows which figures to re-source before citing them. The lists are
short on purpose: a site not known to be an original publisher is treated as a repost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

#: Known original publishers by registered domain (suffix match): (Chinese name, English name).
OFFICIAL: dict[str, tuple[str, str]] = {
    "stats.gov.cn": ("国家统计局", "National Bureau of Statistics"),
    "tjj.sh.gov.cn": ("上海市统计局", "Shanghai Municipal Statistics Bureau"),
    "shanghai.gov.cn": ("上海市人民政府", "Shanghai Municipal Government"),
    "shpt.gov.cn": ("上海市普陀区人民政府", "Putuo District Government"),
    "gov.cn": ("政府网站", "government website"),
}
MEDIA: dict[str, tuple[str, str]] = {
    "people.com.cn": ("人民网", "People's Daily Online"),
    "people.cn": ("人民网", "People's Daily Online"),
    "news.cn": ("新华网", "Xinhua"),
    "xinhuanet.com": ("新华网", "Xinhua"),
    "chinanews.com.cn": ("中国新闻网", "China News Service"),
    "chinanews.com": ("中国新闻网", "China News Service"),
    "cri.cn": ("国际在线", "China Radio International"),
    "china.com.cn": ("中国网", "China.org.cn"),
    "chinagate.cn": ("中国网", "China.org.cn"),
    "cctv.com": ("央视网", "CCTV"),
    "gmw.cn": ("光明网", "Guangming Online"),
    "ce.cn": ("中国经济网", "China Economic Net"),
    "chinadaily.com.cn": ("中国日报网", "China Daily"),
    "kankanews.com": ("看看新闻", "Kankanews (SMG)"),
    "tibet.cn": ("中国西藏网", "Tibet.cn"),
}
_IP_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|static\.|\.blog$")


@dataclass(frozen=True)
class Source:
    """A source as the evidence shows it."""

    text: str
    host: str
    publisher_zh: str
    publisher_en: str
    kind: str  # "official" | "media" | "repost" | "internal"

    @property
    def needs_check(self) -> bool:
        """True for a repost or mirror: replace it with the original before citing."""
        return self.kind == "repost"


def _match(host: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    for domain in sorted(table, key=len, reverse=True):
        if host == domain or host.endswith("." + domain):
            return table[domain]
    return None


def classify_source(text: str) -> Source:
    """Classify one source: a URL, or a text that names where a figure came from.

    Parameters
    ----------
    text : str
        A URL ("https://www.stats.gov.cn/…") or a plain text ("规划表第3行").

    Returns
    -------
    Source
        With ``kind`` ``"official"``, ``"media"``, ``"repost"`` (URLs of any other site), or
        ``"internal"`` (not a URL: the plan table, a method).
    """
    s = text.strip()
    if not re.match(r"^https?://", s, flags=re.I):
        return Source(s, "", "", "", "internal")
    host = (urlparse(s).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    found = _match(host, OFFICIAL)
    if found:
        return Source(s, host, found[0], found[1], "official")
    found = _match(host, MEDIA)
    if found and not _IP_RE.search(host):
        return Source(s, host, found[0], found[1], "media")
    return Source(s, host, host, host, "repost")
