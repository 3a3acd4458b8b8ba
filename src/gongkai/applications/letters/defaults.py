"""Default wording of each letter; an agency may override any of them in the admin.

Placeholders are filled from the application (see ``render.letter_context``). One
paragraph per line. The answer letter's middle comes from ``ANSWER_TEXTS`` by the
answer type, and its closing remedy sentence from ``rules.outcomes`` — the one place
the 复议前置 rule lives.
"""

from __future__ import annotations

from gongkai.applications.letters.kinds import LetterKind
from gongkai.rules.outcomes import AnswerType

DEFAULT_TEMPLATES: dict[LetterKind, str] = {
    LetterKind.RECEIPT: (
        "本机关已收到您提交的政府信息公开申请（申请编号：{receipt_number}），"
        "所需信息描述为：“{description}”。\n"
        "收到申请之日为{received_date}。本机关将依照《中华人民共和国政府信息公开条例》"
        "第三十三条的规定，在{answer_due}前作出答复；依法需要补正、征求意见或者延期的，"
        "将另行告知。\n"
        "您可以凭申请编号和查询码在本平台查询办理进度。"
    ),
    LetterKind.SUPPLEMENT_NOTICE: (
        "本机关于{received_date}收到您提交的政府信息公开申请（申请编号：{receipt_number}）。"
        "经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "请您作出补正，需要补正的事项如下：\n"
        "{supplement_items}\n"
        "请您于{supplement_due}前提交补正材料。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。"
    ),
    LetterKind.EXTENSION_NOTICE: (
        "本机关于{received_date}收到您提交的政府信息公开申请（申请编号：{receipt_number}）。"
        "因{extension_reason}，本机关不能在原答复期限内作出答复。根据《中华人民共和国政府"
        "信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{extension_days}个工作日，本机关将于{answer_due}前作出答复。"
    ),
    LetterKind.THIRD_PARTY_CONSULTATION: (
        "本机关收到政府信息公开申请（申请编号：{receipt_number}），申请公开的政府信息"
        "“{description}”可能涉及贵方的合法权益。根据《中华人民共和国政府信息公开条例》"
        "第三十二条的规定，现书面征求贵方意见。\n"
        "请贵方自收到本征求意见书之日起15个工作日内提出是否同意公开的书面意见；不同意公开的，"
        "请说明理由。逾期未提出意见的，本机关将依照条例的规定决定是否公开。"
    ),
    LetterKind.CO_AGENCY_CONSULTATION: (
        "本机关收到政府信息公开申请（申请编号：{receipt_number}），申请公开的政府信息"
        "“{description}”系本机关与贵单位共同制作。根据《中华人民共和国政府信息公开条例》"
        "第三十四条的规定，现征求贵单位意见。\n"
        "请贵单位自收到本征求意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。"
    ),
    LetterKind.DELAY_NOTICE: (
        "本机关于{received_date}收到您提交的政府信息公开申请（申请编号：{receipt_number}）。"
        "鉴于您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息"
        "公开条例》第三十五条的规定，本机关确定延迟答复的合理期限至{answer_due}。"
    ),
    LetterKind.FEE_NOTICE: (
        "本机关于{received_date}收到您提交的政府信息公开申请（申请编号：{receipt_number}）。"
        "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请{fee_basis}"
        "收取信息处理费：{fee_detail}，合计人民币{fee_amount}元。\n"
        "请您自收到本通知次日起20个工作日内（即{fee_due}前）缴纳费用。逾期未缴纳的，"
        "视为放弃申请，本机关将不再处理该政府信息公开申请。"
    ),
    LetterKind.ANSWER: (
        "本机关于{received_date}收到您提交的政府信息公开申请（申请编号：{receipt_number}），"
        "您申请获取“{description}”。经审查，现答复如下：\n"
        "{answer_text}\n"
        "{remedy}"
    ),
}

# The middle of the answer letter per answer type; {answer_detail} is the handler's text.
ANSWER_TEXTS: dict[AnswerType, str] = {
    AnswerType.ALREADY_PUBLISHED: (
        "您申请获取的信息已经主动公开，根据《中华人民共和国政府信息公开条例》第三十六条"
        "第（一）项的规定，您可以通过以下方式、途径获取：{answer_detail}"
    ),
    AnswerType.DISCLOSED: (
        "您申请获取的信息属于可以公开的政府信息，根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（二）项的规定，现予以提供。{answer_detail}"
    ),
    AnswerType.PARTIAL: (
        "您申请获取的信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府"
        "信息公开条例》第三十七条的规定，本机关向您提供可以公开的内容；不予公开的内容及理由"
        "如下：{answer_detail}"
    ),
    AnswerType.NOT_HELD: (
        "经检索，本机关没有您所申请公开的信息。根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（四）项的规定，告知您该政府信息不存在。{answer_detail}"
    ),
    AnswerType.NOT_RESPONSIBLE: (
        "您所申请公开的信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（五）项的规定告知您。{answer_detail}"
    ),
    AnswerType.REPEATED: (
        "本机关已就您提出的相同政府信息公开申请作出答复，根据《中华人民共和国政府信息公开"
        "条例》第三十六条第（六）项的规定，不予重复处理。{answer_detail}"
    ),
    AnswerType.SPECIAL_LAW: (
        "您所申请公开的信息属于有关法律、行政法规对信息的获取有特别规定的信息，根据"
        "《中华人民共和国政府信息公开条例》第三十六条第（七）项的规定，请您依照有关法律、"
        "行政法规的规定办理。{answer_detail}"
    ),
    AnswerType.NEEDS_NEW_PRODUCTION: (
        "您所申请的信息需要本机关对现有政府信息进行加工、分析，根据《中华人民共和国政府信息"
        "公开条例》第三十八条的规定，本机关不予提供。{answer_detail}"
    ),
    AnswerType.PETITION_COMPLAINT: (
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，根据《中华人民共和国政府信息"
        "公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应"
        "渠道提出。{answer_detail}"
    ),
    AnswerType.PUBLICATION: (
        "您申请获取的是公开出版物，根据《中华人民共和国政府信息公开条例》第三十九条第二款的"
        "规定，告知您获取途径：{answer_detail}"
    ),
}
REFUSAL_TEXT = (
    "您申请获取的信息属于{answer_label}，根据{answer_article}的规定，本机关决定不予公开。"
    "{answer_detail}"
)
GENERIC_TEXT = "根据{answer_article}的规定，{answer_label}。{answer_detail}"


def answer_text_for(answer: AnswerType) -> str:
    if answer in ANSWER_TEXTS:
        return ANSWER_TEXTS[answer]
    if answer.value.startswith("refused_"):
        return REFUSAL_TEXT
    return GENERIC_TEXT
