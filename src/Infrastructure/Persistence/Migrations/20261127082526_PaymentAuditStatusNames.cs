using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The `payment.recorded` audit rows wrote the invoice's status as the enum's number (`"invoice_status": 1`);
    /// they now write the name the API uses (`"partially_paid"`). Rows written before are given the name too, so a
    /// reader of `GET /audit` finds one type in that field. The numbers are InvoiceStatus's order at the time.
    /// </summary>
    public partial class PaymentAuditStatusNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE audit_log
                SET data = jsonb_set(data, '{invoice_status}',
                    to_jsonb((ARRAY['pending', 'partially_paid', 'paid', 'overdue', 'void'])[(data->>'invoice_status')::numeric::int + 1]))
                WHERE action = 'payment.recorded'
                    AND CASE WHEN jsonb_typeof(data->'invoice_status') = 'number'
                        THEN (data->>'invoice_status')::numeric IN (0, 1, 2, 3, 4) ELSE false END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
