using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite adds a check constraint by rebuilding the table, which runs outside a transaction: alone in its migration,
    /// so that no other operation shares its fate if the process stops half way (split out of ReturnsRefundsShipments).
    /// </summary>
    public partial class PaymentRefundedCheck : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.AddCheckConstraint(name: "ck_payments_refunded", table: "payments", sql: "refunded_amount >= 0 AND refunded_amount <= amount");

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.DropCheckConstraint(name: "ck_payments_refunded", table: "payments");
    }
}
