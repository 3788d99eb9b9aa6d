using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite adds a check constraint by rebuilding the table, which runs outside a transaction: alone in its migration,
    /// so that no other operation shares its fate if the process stops half way (split out of ReturnsRefundsShipments).
    /// </summary>
    public partial class ShopOrderRefundedCheck : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.AddCheckConstraint(name: "ck_shop_orders_refunded", table: "shop_orders", sql: "refunded_amount >= 0 AND refunded_amount <= total");

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.DropCheckConstraint(name: "ck_shop_orders_refunded", table: "shop_orders");
    }
}
