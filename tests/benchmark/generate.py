"""A synthetic Gatsby-style archive: N Korean diary posts in a few category folders.

Deterministic for a given N and seed. Each post has YAML front matter (title,
date, category, thumbnail), H2 sections of Korean sentences with particles,
bold, inline code, ``<u>`` tags, images, and links to the neighbouring days of
its category the way Gatsby writes them (``../day27-20210302``). Folders and
files are written in shuffled order, so nothing may rely on creation order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

#: (folder, category) of the parts; posts are spread over them unevenly
CATEGORIES = (
    ("boostcamp", "⛺ Boostcamp"),
    ("deep-learning", "🧠 딥러닝 공부"),
    ("python", "🐍 파이썬"),
    ("retrospect", "📝 회고"),
    ("reading", "📚 독서 기록"),
)
FIRST_DAY = dt.datetime(2021, 1, 18, 10, 30)

_NOUNS = (
    "부스트캠프", "모델", "데이터", "피어 세션", "강의", "과제", "학습률", "손실 함수", "토크나이저",
    "마스터님", "팀원", "논문", "그래프", "텐서", "배치", "옵티마이저", "회고", "실험", "코드 리뷰", "대회",
)
_PARTICLES = ("은", "는", "이", "가", "을", "를", "에서", "으로", "와", "과", "의", "에게", "도", "만")
_VERBS = (
    "정리했다", "배웠다", "이해하기 어려웠다", "다시 살펴보았다", "생각보다 재미있었다", "구현해 보았다",
    "고민이 되었다", "기록해 두기로 했다", "팀원들과 이야기했다", "내일 더 보기로 했다",
)
_HEADINGS = ("피어 세션", "오늘 배운 것", "과제 진행", "특강 정리", "느낀 점", "내일 할 일", "질문 정리")
_CODE = ("torch.nn.Linear", "optimizer.step()", "git rebase -i", "pandas.DataFrame", "np.einsum", "@dataclass")


@dataclass(frozen=True)
class Post:
    day: int
    folder: str
    category: str
    date: dt.datetime

    @property
    def stem(self) -> str:
        return f"day{self.day}-{self.date:%Y%m%d}"

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.stem}.md"

    @property
    def title(self) -> str:
        return f"⛺ DAY {self.day}. {_NOUNS[self.day % len(_NOUNS)]} 이야기"


def plan(count: int, seed: int = 5) -> list[Post]:
    """Which post goes in which category, one per day (some days skipped)."""
    rng = random.Random(seed)
    weights = (5, 3, 2, 1, 1)
    posts = []
    date = FIRST_DAY
    for day in range(1, count + 1):
        folder, category = rng.choices(CATEGORIES, weights=weights)[0]
        posts.append(Post(day, folder, category, date))
        date += dt.timedelta(days=rng.choice((1, 1, 1, 2)), minutes=rng.randrange(0, 90))
    return posts


def sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 4)):
        parts.append(rng.choice(_NOUNS) + rng.choice(_PARTICLES))
    words = " ".join(parts) + " " + rng.choice(_VERBS) + "."
    roll = rng.random()
    if roll < 0.2:
        noun = rng.choice(_NOUNS)
        words = words.replace(noun, f"**{noun}**", 1)
    elif roll < 0.35:
        words += f" `{rng.choice(_CODE)}`를 써 보았다."
    elif roll < 0.45:
        words += f" <u>{rng.choice(_NOUNS)}{rng.choice(_PARTICLES)} 꼭 기억하자</u>."
    return words


def body(post: Post, previous: Post | None, following: Post | None, rng: random.Random) -> str:
    lines = [f"![thumbnail](./img/{post.day % 10}.png)", "", f"> 💡 {sentence(rng)}  ", f"> {sentence(rng)}", ""]
    for heading in rng.sample(_HEADINGS, rng.randint(3, 5)):
        lines += [f"## {heading}", ""]
        for _ in range(rng.randint(2, 4)):
            lines += [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))), ""]
        if rng.random() < 0.3:
            lines += [f"- {sentence(rng)}" for _ in range(3)] + [""]
        if rng.random() < 0.2:
            lines += ["```python", f"x = {rng.choice(_CODE)!r}", "print(x)", "```", ""]
    if rng.random() < 0.3:
        lines += [f"![그림](./img/{(post.day + 3) % 10}.png)", ""]
    links = []
    if previous is not None:
        links.append(f"[DAY {previous.day}](../{previous.stem})")
    if following is not None:
        links.append(f"[DAY {following.day}](../{following.stem}/)")
    if links:
        lines += ["## 이어지는 글", "", " · ".join(links), ""]
    return "\n".join(lines)


def front_matter(post: Post) -> str:
    return (
        "---\n"
        f"title: {post.title}\n"
        f"date: {post.date:%Y-%m-%d %H:%M:%S}\n"
        f'category: "{post.category}"\n'
        f'thumbnail: "./img/{post.day % 10}.png"\n'
        "draft: false\n"
        "---\n\n"
    )


def tiny_png(shade: int) -> bytes:
    """A valid 2×2 grey PNG, different per shade."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([shade, shade]) for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def picture_png(shade: int, width: int = 800, height: int = 450) -> bytes:
    """A valid grey PNG the size of a blog's picture (a 2×2 one is "low resolution" to Lighthouse), about 1 kB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    # a lighter band across the middle, so that it reads as a picture
    plain = b"\x00" + bytes([shade]) * width
    band = b"\x00" + bytes([min(255, shade + 40)]) * width
    rows = b"".join(band if height // 3 <= y < 2 * height // 3 else plain for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def write_archive(root: Path, count: int, seed: int = 5) -> list[Post]:
    """Write N posts under ``root`` (folders and files in shuffled order)."""
    posts = plan(count, seed)
    by_folder: dict[str, list[Post]] = {}
    for post in posts:
        by_folder.setdefault(post.folder, []).append(post)
    rng = random.Random(seed + 1)
    folders = list(by_folder)
    rng.shuffle(folders)
    for folder in folders:
        members = by_folder[folder]
        (root / folder / "img").mkdir(parents=True, exist_ok=True)
        for shade in range(10):
            (root / folder / "img" / f"{shade}.png").write_bytes(picture_png(20 * shade))
        order = list(range(len(members)))
        rng.shuffle(order)
        for index in order:
            post = members[index]
            previous = members[index - 1] if index > 0 else None
            following = members[index + 1] if index + 1 < len(members) else None
            text_rng = random.Random(f"{seed}-{post.day}")
            text = front_matter(post) + body(post, previous, following, text_rng)
            (root / post.path).write_text(text, encoding="utf-8")
    return posts


def hand_written_index(posts: list[Post], title: str) -> str:
    """The root page a Sphinx user writes by hand: one captioned toctree per category."""
    by_category: dict[str, list[Post]] = {}
    for post in posts:
        by_category.setdefault(post.category, []).append(post)
    out = [f"# {title}", ""]
    for category, members in by_category.items():
        out += ["```{toctree}", ":maxdepth: 1", f":caption: {category}", ""]
        out += [f"{p.folder}/{p.stem}" for p in members]
        out += ["```", ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    posts = write_archive(args.out, args.posts, args.seed)
    print(f"{len(posts)} posts in {args.out}")


if __name__ == "__main__":
    main()
