"""The words of the tables in each language of ``--lang`` (en, zh): headers, labels and the
sentences around the data. Data — law text, ids, codes, the rule language — is never
translated; an article is cited 第N条 in both languages, as the law cites itself."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "zh")

WORDS: Mapping[str, tuple[str, str]] = {
    # the status of an answer
    "status": ("{title} ({regulation}, {version}{edition}) — {state} on {day}",
               "{title}（{regulation}，{version}{edition}）——{day}{state}"),
    "edition": ("; the text of {name} ({ref}), from {start}{end}",
                "；{name}（{ref}）文本，自 {start}{end}"),
    "edition end": (" to {day}", " 至 {day}"),
    "in force": ("in force", "施行中"),
    "not in force": ("not in force", "未施行"),
    "as of": ("As of {day}", "截至 {day}"),
    "unit": ("Unit: {who}", "单位：{who}"),
    "tags": (" tags: {tags}", " 标签：{tags}"),
    "bind": ("Unit: {who} — {count} article(s) bind it",
             "单位：{who}——适用 {count} 条"),
    "would bind": ("Unit: {who} — {count} article(s) would bind it (the regulation is not in "
                   "force on that date)",
                   "单位：{who}——将适用 {count} 条（该条例在该日未施行）"),
    "partial applies": ("Note: this regulation is known only in part; articles not listed may "
                        "also bind the unit.",
                        "注意：该条例仅部分已知，未列出的条款也可能适用于该单位。"),
    "partial articles": ("Note: this regulation is known only in part; only what is known is "
                         "listed.",
                         "注意：该条例仅部分已知，仅列出已知部分。"),
    "retired": ("Provision {provision} is retired: it is now {articles}. {note}{rules}",
                "条款 {provision} 已停用：现为 {articles}。{note}{rules}"),
    "renamed": (" Rules: {rules}.", " 规则：{rules}。"),
    "left out": ("{count} more rule(s) bind a {kind} at a given level ({levels}); not listed "
                 "above: add --level",
                 "另有 {count} 条规则仅适用于特定层级（{levels}）的 {kind}，上表未列：请加 --level"),
    "levels": ("levels", "层级"),
    # columns
    "article": ("article", "条"),
    "chapter": ("ch.", "章"),
    "modality": ("modality", "规范"),
    "rule": ("rule", "规则"),
    "concept": ("concept", "概念"),
    "what": ("what", "内容"),
    "item": ("what", "事项"),
    "measure / concept": ("measure / concept", "措施 / 概念"),
    "from": ("from", "起"),
    "due / until": ("due / until", "期限 / 止"),
    "status column": ("status", "状态"),
    "A articles": ("A articles", "A 条款"),
    "B articles": ("B articles", "B 条款"),
    "what differs": ("what differs", "差异"),
    "chinese": ("中文", "中文"),
    "jurisdictions": ("jurisdictions", "地区数"),
    "articles": ("articles", "条款"),
    "code": ("code", "代码"),
    "parent": ("parent", "上位"),
    # rules
    "measures": ("measures: {measures}", "措施：{measures}"),
    "role": ("role: {role}", "角色：{role}"),
    "interpretation": ("interpretation: {text}", "解释：{text}"),
    "chapter of": ("(chapter {chapter})", "（第{chapter}章）"),
    "source defect": ("source defect: {text}", "原文缺陷：{text}"),
    # evaluate
    "open terms": ("Open terms: {given}", "开放术语：{given}"),
    "none set": ("none set", "均未设定"),
    "unset": ("; not set (undetermined where needed): {names}", "；未设定（需要时待定）：{names}"),
    "under": ("{unit} under {title} ({regulation}, {state})",
              "{unit}，依 {title}（{regulation}，{state}）"),
    "outside": ("; the unit lies outside its territory", "；该单位不在其地域内"),
    "no region": ("; the unit has no region (taken as inside)", "；该单位无地域（视为在内）"),
    "obligation": ("obligation ({modality})", "义务（{modality}）"),
    "deadline": ("deadline ({modality})", "期限（{modality}）"),
    "sanction": ("sanction", "惩戒"),
    "undetermined": ("undetermined", "待定"),
    "pending": ("pending", "待履行"),
    "met": ("met", "已履行"),
    "overdue": ("overdue", "逾期"),
    "provisional": ("provisional", "暂定"),
    "possible": ("one of (the body chooses)", "择一（由机关选定）"),
    "suspended": ("suspended", "中止"),
    "ended": ("ended", "已结束"),
    "in_effect": ("in effect", "生效中"),
    "escalated": ("escalated", "加重"),
    "needs": ("needs {needs}", "需要 {needs}"),
    "to escalate": (" (to escalate to {measures})", "（加重至 {measures}）"),
    "on facts": ("on {facts}", "依据 {facts}"),
    "nothing follows": ("  nothing follows from these facts", "  这些事实不产生任何后果"),
    "not counted": ("  not counted: {fact}", "  未计入：{fact}"),
    # diff and compare
    "diff counts": ("A = {a}, B = {b}: {only_a} concept(s) only in A, {only_b} only in B, "
                    "{changed} changed, {same} the same",
                    "A = {a}，B = {b}：仅 A 有 {only_a} 个概念，仅 B 有 {only_b} 个，"
                    "{changed} 个有变化，{same} 个相同"),
    "partial side": ("Note: {side} ({name}) is known only in part: 'only in {other}' means not "
                     "known to be in {side}.",
                     "注意：{side}（{name}）仅部分已知：“仅 {other} 有”指未知 {side} 是否有。"),
    "only_a": ("only in A", "仅 A"),
    "only_b": ("only in B", "仅 B"),
    "changed": ("changed", "有变化"),
    "same": ("the same", "相同"),
    "due": ("due {due}", "期限 {due}"),
    "aspect modalities": ("modalities", "规范"),
    "aspect deadlines": ("deadlines", "期限"),
    "aspect measures": ("measures", "措施"),
    "a_binds_more": ("A binds more: {who}", "A 多约束：{who}"),
    "b_binds_more": ("B binds more: {who}", "B 多约束：{who}"),
    "only A binds": ("only A binds: {who}", "仅 A 约束：{who}"),
    "only B binds": ("only B binds: {who}", "仅 B 约束：{who}"),
    "known in part": ("known in part", "仅部分已知"),
    "differ": ("{count} of {total} concepts differ (marked {mark})",
               "{total} 个概念中 {count} 个不同（标 {mark}）"),
    "reworded": ("Articles reworded from A to B: {count}", "A 至 B 改动的条文：{count} 条"),
    "removed": ("removed: {text}", "删去：{text}"),
    "added": ("added: {text}", "增加：{text}"),
}  # fmt: skip


def word(key: str, lang: str, **fields: object) -> str:
    """The words ``key`` in ``lang``, with ``fields`` filled in."""
    text = WORDS[key][LANGUAGES.index(lang)]
    return text.format(**fields) if fields else text


def language(given: str | None, environ: Mapping[str, str]) -> str:
    """The language of the tables: ``given`` (``--lang``), else Chinese where the locale is
    Chinese (LC_ALL, LC_MESSAGES or LANG starting ``zh``), else English."""
    if given is not None:
        return given
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
