"""Each detector's rules, one behaviour per test (the corpus test measures them together)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.rules.screening import (
    DictionaryError,
    FindingType,
    ScreeningDictionary,
    StaleFindingsError,
    mask_findings,
    parse_dictionary,
    screen_text,
)
from tests.screening.numbers import bank_card, resident_id, wrong_check

TODAY = date(2026, 5, 1)
NO_WORDS = ScreeningDictionary()
ID = resident_id("42010419900307123")
CARD = bank_card("622202123456789012")  # 19 digits


def found(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [
        (str(f.type), f.text)
        for f in screen_text(text, dictionary=kwargs.pop("dictionary", NO_WORDS), today=TODAY)
    ]


def test_resident_id_with_position_and_masked_preview() -> None:
    (finding,) = screen_text(
        f"第一行\n申请人：李四，身份证{ID}。", dictionary=NO_WORDS, today=TODAY
    )
    assert finding.type is FindingType.ID_CARD
    assert (finding.line, finding.column) == (2, 11)
    assert (finding.start, finding.end) == (14, 32)
    assert finding.masked == f"420104********{ID[-4:]}"
    assert finding.blocking


def test_invalid_checksum_is_not_an_id() -> None:
    assert found(f"编号{wrong_check(ID)}") == []


def test_implausible_birth_date_or_province_is_not_an_id() -> None:
    assert found(resident_id("42010418990307123")) == []  # born 1899
    assert found(resident_id("42010420300307123")) == []  # born in the future
    assert found(resident_id("42010419900231123")) == []  # 31 February
    assert found(resident_id("99010419900307123")) == []  # no province 99


def test_id_inside_longer_digit_run_is_not_found() -> None:
    assert found(f"1{ID}") == []
    assert found(f"{ID}5") == []
    assert found(f"No.A{ID}") == []


def test_full_width_digits_are_found() -> None:
    wide = ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    assert found(f"身份证号：{wide}") == [("id_card", wide)]


def test_mobile_forms() -> None:
    assert found("电话13812345678。") == [("mobile", "13812345678")]
    assert found("电话 138 1234 5678") == [("mobile", "138 1234 5678")]
    assert found("手机+8613912345678") == [("mobile", "13912345678")]
    assert found("手机：0086-15012345678") == [("mobile", "15012345678")]


@pytest.mark.parametrize(
    "text",
    [
        "号码12812345678不是手机",  # 12x is not a mobile prefix
        "流水号213812345678",  # embedded in a longer run
        "时间戳1616812345678",  # 13-digit timestamp
        "座机027-85123456",
        "已脱敏138****5678",
        "比值0.13812345678",
        "https://www.example.gov.cn/art/2021/13812345678.html",
        "138-1234 5678",  # mixed separators: not a written number
    ],
)
def test_not_mobiles(text: str) -> None:
    assert found(text) == []


def test_bank_card_contiguous_and_grouped() -> None:
    assert found(f"账号：{CARD}") == [("bank_card", CARD)]
    card16 = bank_card("436742123456789")
    grouped = " ".join(card16[i : i + 4] for i in range(0, 16, 4))
    (finding,) = screen_text(f"卡号 {grouped}", dictionary=NO_WORDS, today=TODAY)
    assert finding.text == grouped
    assert finding.masked == f"4367********{card16[-4:]}"


def test_luhn_failure_and_labelled_other_numbers_are_not_cards() -> None:
    bad = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    assert found(f"卡号{bad}") == []
    assert found(f"索引号：{CARD}") == []
    assert found(f"合同编号 {CARD}") == []
    assert found(f"合同编号见附件，收款账号{CARD}") == [("bank_card", CARD)]


def test_dates_never_make_cards() -> None:
    digits = bank_card("202103151030450")  # 16 digits, Luhn-valid, starts like a date
    assert found(f"时间{digits}") == []


def test_valid_id_is_reported_once_as_id() -> None:
    assert found(f"账号{ID}") == [("id_card", ID)]


@pytest.mark.parametrize(
    "text,marking",
    [
        ("000123\n机密★1年\n特急\n关于……的通知", "机密★1年"),
        ("秘密★\n关于……", "秘密★"),
        ("绝密★启用前", "绝密★启用前"),
        ("秘密 ★ 6个月", "秘密 ★ 6个月"),
        ("机密*5年", "机密*5年"),
        ("密级：秘密", "密级：秘密"),
        ("\n【机密】\n", "机密"),
        ("000123  秘密  特急", "秘密"),
        ("秘密级", "秘密级"),
        ("内部资料，注意保存", "内部资料，注意保存"),
        ("标题\n内部资料\n正文", "内部资料"),
        ("注意保存", "注意保存"),
        ("秘密★2026年12月31日前", "秘密★2026年12月31日前"),
    ],
)
def test_secret_markings(text: str, marking: str) -> None:
    assert found(text) == [("secret_mark", marking)]


@pytest.mark.parametrize(
    "text",
    [
        "各单位要切实保守国家秘密，严防泄密。",
        "不得泄露商业秘密和个人隐私。",
        "涉及秘密级国家秘密的事项按规定办理。",
        "加强机密文件管理。",
        "不得将内部资料对外提供。",
        "请注意保存缴费凭证。",
        "文件应标注“秘密★1年”等密级标志。",
        "秘密投票",
    ],
)
def test_secret_words_in_prose_are_not_markings(text: str) -> None:
    assert found(text) == []


def test_masked_values_are_not_findings() -> None:
    assert found("手机138****1234，身份证420104********1234，卡号6222***********1234") == []


def test_default_dictionary_typos_with_correct_form_and_exceptions() -> None:
    findings = screen_text("请按装修标准按装空调，截止目前已完成。", today=TODAY)
    assert [(str(f.type), f.text, f.correct) for f in findings] == [
        ("typo", "按装", "安装"),
        ("typo", "截止目前", "截至目前"),
    ]
    assert not any(f.blocking for f in findings)


def test_a_lone_surrogate_leaves_the_dictionary_working() -> None:
    """A PDF's text layer can hold half a UTF-16 pair; found by tests/abuse/test_fuzz.py."""
    text = "\ud800请按装空调，电话13812345678。"
    findings = screen_text(text, today=TODAY)
    assert [(str(f.type), f.text, f.start) for f in findings] == [
        ("typo", "按装", 2),
        ("mobile", "13812345678", 9),
    ]


def test_default_dictionary_wording_errors_and_sensitive_words() -> None:
    text = "报请国家监察委审议；国家监察委员会；本稿仅供内部参考"
    assert [(str(f.type), f.text, f.correct) for f in screen_text(text, today=TODAY)] == [
        ("wording_error", "国家监察委", "国家监委"),
        ("sensitive_word", "仅供内部参考", None),
    ]


def test_dictionary_format_and_longest_match() -> None:
    words = parse_dictionary(
        "# 本地词库\n[敏感词]\n某某\n某某某  # 更长的优先\n[表述错误]\n"
        "硚口区政府办 -> 硚口区政府办公室 ！硚口区政府办公室\n"
    )
    text = "某某某与硚口区政府办、硚口区政府办公室"
    assert [(str(f.type), f.text) for f in screen_text(text, dictionary=words)] == [
        ("sensitive_word", "某某某"),
        ("wording_error", "硚口区政府办"),
    ]


@pytest.mark.parametrize(
    "content,message",
    [
        ("按装 => 安装", "第1行：词条前应先写分类"),
        ("[typo]\n按装", "第2行：错别字词条“按装”缺少正确写法"),
        ("[spelling]", "未知的分类“spelling”"),
        ("[typo]\n按装 => 安装 !安装修", "例外“安装修”应包含该词条本身"),
        ("[typo]\n按装 => 按装", "正确写法与错误写法相同"),
    ],
)
def test_dictionary_errors_name_the_line(content: str, message: str) -> None:
    with pytest.raises(DictionaryError, match=message):
        parse_dictionary(content, source="my.txt")


def test_operator_entries_override_defaults() -> None:
    from gongkai.rules.screening import default_dictionary

    mine = parse_dictionary("[敏感词]\n按装\n")
    words = default_dictionary().merged(mine)
    assert [str(f.type) for f in screen_text("按装", dictionary=words)] == ["sensitive_word"]


def test_mask_findings_masks_personal_data_only() -> None:
    text = f"机密★1年\n张三{ID}，电话13812345678，卡号{CARD}，按装"
    masked = mask_findings(text, screen_text(text, today=TODAY))
    assert masked == (
        f"机密★1年\n张三420104********{ID[-4:]}，电话138****5678，"
        f"卡号6222***********{CARD[-4:]}，按装"
    )
    assert [str(f.type) for f in screen_text(masked, today=TODAY)] == ["secret_mark", "typo"]


def test_mask_findings_refuses_findings_of_another_text() -> None:
    findings = screen_text("电话13812345678", today=TODAY)
    with pytest.raises(StaleFindingsError):
        mask_findings("电话13912345678", findings)


def test_labelled_uscc_that_also_passes_id_checks_is_not_an_id() -> None:
    both = "111101199001010868"  # valid as a USCC (GB 32100) and as a resident ID
    assert found(f"统一社会信用代码：{both}") == []
    assert found(f"身份证号：{both}") == [("id_card", both)]
