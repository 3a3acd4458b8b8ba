"""What an application must contain to be handled (条例 Art. 29).

Art. 29 (一): 申请人的姓名或者名称、身份证明、联系方式; (三): 申请公开的政府信息的形式要求，
包括获取信息的方式、途径. Read together: an organisation acts through a named contact
person, and whoever asks for the information by e-mail or by post must give the
address it goes to. One function, so every channel (the public form, staff
registration, the ledger import) asks the same questions with the same words.
"""

from __future__ import annotations

# Field name → the label staff and applicants see, for messages that name the field.
FIELD_LABELS = {
    "contact_person": "联系人",
    "phone": "联系电话",
    "email": "电子邮箱",
    "address": "通信地址",
}


def missing_contents(
    *,
    organisation: bool,
    contact_person: str,
    phone: str,
    email: str,
    address: str,
    wants_email: bool,
    by_mail: bool,
    contact_on_file: bool = False,
) -> dict[str, str]:
    """Field name → Chinese message for each Art. 29 content missing; empty when complete.

    ``contact_on_file`` is for a ledger import: its rows record applications received
    on paper, whose 联系方式 is in the paper file the ledger summarises, so only the
    contents the platform itself needs to act (the contact person, the e-mail or postal
    address the answer goes to) are asked of it.
    """
    problems: dict[str, str] = {}
    if organisation and not contact_person.strip():
        problems["contact_person"] = "法人或其他组织请填写联系人。"
    if not contact_on_file and not (phone.strip() or email.strip() or address.strip()):
        problems["phone"] = "请至少填写一种联系方式（联系电话、电子邮箱或通信地址）。"
    if wants_email and not email.strip():
        problems["email"] = "指定以电子邮件提供或获取信息的，请填写电子邮箱。"
    if by_mail and not address.strip():
        problems["address"] = "选择邮寄的，请填写通信地址。"
    return problems
