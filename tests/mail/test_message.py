"""Messages built with mail.message.POLICY: byte for byte what the standard library's SMTP
policy writes, while a header that comes back with the same value (the sender, a kind's
subject in a language, the content headers) is parsed and folded once per process."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from seminar_reg.mail.message import POLICY, new_message

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def _confirmation(message: EmailMessage, recipient: str, subject: str) -> EmailMessage:
    # Headers as mail.message.text_message sets them, a body that needs base64, a
    # calendar attached (the message becomes multipart/mixed).
    message["From"] = "第16回日中地域交流セミナー事務局 <seminar@example.org>"
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = "Wed, 26 Jul 2017 09:00:00 +0000"
    message["Message-ID"] = "<1.2.3@seminar.example.org>"
    message["Content-Language"] = "ja"
    body = "並木 心 様\n\n" + "ご登録ありがとうございます。" * 8 + "\n"
    message.set_content(body, charset="utf-8")
    message.add_attachment(CALENDAR, maintype="text", subtype="calendar", filename="seminar.ics")
    message.set_boundary("===============0123456789==")
    return message


def test_messages_are_the_standard_librarys_bytes_the_second_time_too():
    subject = "ご登録内容の確認：第16回日中地域交流セミナー（瀋陽、2017年7月26日〜28日）"
    for recipient in ("namiki@example.jp", "shanwei@example.cn", "namiki@example.jp"):
        standard = _confirmation(EmailMessage(policy=SMTP), recipient, subject)
        ours = _confirmation(new_message(), recipient, subject)
        assert ours.as_bytes(policy=POLICY) == standard.as_bytes(policy=SMTP)
        assert ours.as_bytes(policy=POLICY) == standard.as_bytes(policy=SMTP)  # folded again


def test_a_header_with_a_value_seen_before_is_not_parsed_again():
    first, second = new_message(), new_message()
    for message in (first, second):
        message["Subject"] = "确认您的报名：第16回日中地域交流研讨会"
        message["To"] = "shanwei@example.cn"
    assert first["Subject"] is second["Subject"]  # parsed once, folded once
    assert first["To"] is not second["To"]  # an address is not worth keeping
