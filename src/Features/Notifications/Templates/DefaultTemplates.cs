using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Notifications.Templates;

/// <summary>
/// The wording shipped for every event, channel and language; an operator's own text (notification_templates)
/// replaces one. WhatsApp and SMS share a short text; e-mail has a subject and the documents attached.
/// </summary>
public static class DefaultTemplates
{
    public sealed record Text(string? Subject, string Body);

    public static Text For(NotificationEvent e, NotificationChannel channel, string language)
    {
        var (subject, email, chat) = (language == "en" ? English : Indonesian)[e];
        return channel == NotificationChannel.Email ? new Text(subject, email) : new Text(null, chat);
    }

    private static readonly Dictionary<NotificationEvent, (string Subject, string Email, string Chat)> Indonesian = new()
    {
        [NotificationEvent.InvoiceRaised] = (
            "Tagihan {{ invoice.number }} dari {{ provider.name }}",
            """
            Yth. {{ client.name }},

            Tagihan internet Anda {{ invoice.number }} sebesar {{ invoice.amount }} untuk periode {{ invoice.period }}
            jatuh tempo pada {{ invoice.due_date }}. Tagihan terlampir dalam PDF.
            {% if invoice.payment_link != blank %}
            Bayar online: {{ invoice.payment_link }}{% endif %}
            {% if provider.payment_instructions != blank %}
            Cara pembayaran:
            {{ provider.payment_instructions }}{% endif %}

            Terima kasih,
            {{ provider.name }}
            """,
            "{{ provider.name }}: tagihan {{ invoice.number }} sebesar {{ invoice.amount }} jatuh tempo {{ invoice.due_date }}.{% if invoice.payment_link != blank %} Bayar: {{ invoice.payment_link }}{% endif %}"),
        [NotificationEvent.InvoiceReminder] = (
            "Pengingat: tagihan {{ invoice.number }} jatuh tempo {{ invoice.due_date }}",
            """
            Yth. {{ client.name }},

            Tagihan {{ invoice.number }} sebesar {{ invoice.balance }} jatuh tempo dalam {{ days_left }} hari, pada {{ invoice.due_date }}.
            Mohon lakukan pembayaran agar layanan internet Anda tidak terputus.
            {% if invoice.payment_link != blank %}
            Bayar online: {{ invoice.payment_link }}{% endif %}
            {% if provider.payment_instructions != blank %}
            Cara pembayaran:
            {{ provider.payment_instructions }}{% endif %}

            Terima kasih,
            {{ provider.name }}
            """,
            "{{ provider.name }}: pengingat, tagihan {{ invoice.number }} sebesar {{ invoice.balance }} jatuh tempo {{ invoice.due_date }} ({{ days_left }} hari lagi).{% if invoice.payment_link != blank %} Bayar: {{ invoice.payment_link }}{% endif %}"),
        [NotificationEvent.ClientIsolated] = (
            "Layanan internet Anda dihentikan sementara",
            """
            Yth. {{ client.name }},

            Layanan internet Anda ({{ client.login }}) kami hentikan sementara karena tagihan berikut belum dibayar:
            {% for i in overdue_invoices %}- {{ i.number }}: {{ i.balance }}, jatuh tempo {{ i.due_date }}
            {% endfor %}
            Total yang harus dibayar: {{ client.outstanding }}. Layanan aktif kembali segera setelah pembayaran kami terima.
            {% if invoice.payment_link != blank %}
            Bayar online: {{ invoice.payment_link }}{% endif %}
            {% if provider.payment_instructions != blank %}
            Cara pembayaran:
            {{ provider.payment_instructions }}{% endif %}

            {{ provider.name }}{% if provider.phone != blank %}, {{ provider.phone }}{% endif %}
            """,
            "{{ provider.name }}: layanan internet Anda dihentikan sementara. Bayar {{ client.outstanding }} agar aktif kembali.{% if invoice.payment_link != blank %} Bayar: {{ invoice.payment_link }}{% endif %}"),
        [NotificationEvent.ClientRestored] = (
            "Layanan internet Anda aktif kembali",
            """
            Yth. {{ client.name }},

            Terima kasih, layanan internet Anda ({{ client.login }}) sudah aktif kembali.

            {{ provider.name }}
            """,
            "{{ provider.name }}: terima kasih, layanan internet Anda sudah aktif kembali."),
        [NotificationEvent.PaymentReceived] = (
            "Pembayaran diterima: {{ payment.amount }} untuk {{ invoice.number }}",
            """
            Yth. {{ client.name }},

            Kami telah menerima pembayaran Anda sebesar {{ payment.amount }} pada {{ payment.date }} untuk tagihan {{ invoice.number }}.
            {% if invoice.balance_value > 0 %}Sisa tagihan: {{ invoice.balance }}.{% else %}Tagihan ini sudah lunas.{% endif %}
            Kuitansi {{ payment.receipt_number }} terlampir dalam PDF.

            Terima kasih,
            {{ provider.name }}
            """,
            "{{ provider.name }}: pembayaran {{ payment.amount }} untuk tagihan {{ invoice.number }} sudah kami terima. Terima kasih.{% if invoice.balance_value > 0 %} Sisa: {{ invoice.balance }}.{% endif %}"),
    };

    private static readonly Dictionary<NotificationEvent, (string Subject, string Email, string Chat)> English = new()
    {
        [NotificationEvent.InvoiceRaised] = (
            "Invoice {{ invoice.number }} from {{ provider.name }}",
            """
            Dear {{ client.name }},

            Your internet invoice {{ invoice.number }} of {{ invoice.amount }} for {{ invoice.period }}
            is due on {{ invoice.due_date }}. The invoice is attached as a PDF.
            {% if invoice.payment_link != blank %}
            Pay online: {{ invoice.payment_link }}{% endif %}
            {% if provider.payment_instructions != blank %}
            How to pay:
            {{ provider.payment_instructions }}{% endif %}

            Thank you,
            {{ provider.name }}
            """,
            "{{ provider.name }}: invoice {{ invoice.number }} of {{ invoice.amount }} is due on {{ invoice.due_date }}.{% if invoice.payment_link != blank %} Pay: {{ invoice.payment_link }}{% endif %}"),
        [NotificationEvent.InvoiceReminder] = (
            "Reminder: invoice {{ invoice.number }} is due on {{ invoice.due_date }}",
            """
            Dear {{ client.name }},

            Invoice {{ invoice.number }} of {{ invoice.balance }} is due in {{ days_left }} day(s), on {{ invoice.due_date }}.
            Please pay it so that your internet service is not interrupted.
            {% if invoice.payment_link != blank %}
            Pay online: {{ invoice.payment_link }}{% endif %}
            {% if provider.payment_instructions != blank %}
            How to pay:
            {{ provider.payment_instructions }}{% endif %}

            Thank you,
            {{ provider.name }}
            """,
            "{{ provider.name }}: reminder, invoice {{ invoice.number }} of {{ invoice.balance }} is due on {{ invoice.due_date }} (in {{ days_left }} day(s)).{% if invoice.payment_link != blank %} Pay: {{ invoice.payment_link }}{% endif %}"),
        [NotificationEvent.ClientIsolated] = (
            "Your internet service is suspended",
            """
            Dear {{ client.name }},

            Your internet service ({{ client.login }}) is suspended because these invoices are unpaid:
            {% for i in overdue_invoices %}- {{ i.number }}: {{ i.balance }}, due {{ i.due_date }}
            {% endfor %}
            Total to pay: {{ client.outstanding }}. The service comes back as soon as we receive your payment.
            {% if invoice.payment_link != blank %}
            Pay online: {{ invoice.payment_link }}{% endif %}
            {% if provider.payment_instructions != blank %}
            How to pay:
            {{ provider.payment_instructions }}{% endif %}

            {{ provider.name }}{% if provider.phone != blank %}, {{ provider.phone }}{% endif %}
            """,
            "{{ provider.name }}: your internet service is suspended. Pay {{ client.outstanding }} to have it back.{% if invoice.payment_link != blank %} Pay: {{ invoice.payment_link }}{% endif %}"),
        [NotificationEvent.ClientRestored] = (
            "Your internet service is back",
            """
            Dear {{ client.name }},

            Thank you, your internet service ({{ client.login }}) is active again.

            {{ provider.name }}
            """,
            "{{ provider.name }}: thank you, your internet service is active again."),
        [NotificationEvent.PaymentReceived] = (
            "Payment received: {{ payment.amount }} for {{ invoice.number }}",
            """
            Dear {{ client.name }},

            We received your payment of {{ payment.amount }} on {{ payment.date }} for invoice {{ invoice.number }}.
            {% if invoice.balance_value > 0 %}Still due: {{ invoice.balance }}.{% else %}This invoice is paid in full.{% endif %}
            Receipt {{ payment.receipt_number }} is attached as a PDF.

            Thank you,
            {{ provider.name }}
            """,
            "{{ provider.name }}: we received {{ payment.amount }} for invoice {{ invoice.number }}. Thank you.{% if invoice.balance_value > 0 %} Still due: {{ invoice.balance }}.{% endif %}"),
    };
}
