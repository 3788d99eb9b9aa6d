using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite adds a check constraint by rebuilding the table, which runs outside a transaction: alone in its migration,
    /// so that no other operation shares its fate if the process stops half way (split out of ReturnsRefundsShipments).
    /// </summary>
    public partial class OrderLineShippedCheck : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.AddCheckConstraint(name: "ck_order_lines_shipped", table: "order_lines", sql: "quantity_shipped >= 0 AND quantity_shipped <= quantity");

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.DropCheckConstraint(name: "ck_order_lines_shipped", table: "order_lines");
    }
}
