using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite adds a check constraint by rebuilding the table, which runs outside a transaction: alone in its migration,
    /// so that no other operation shares its fate if the process stops half way (split out of Checkout).
    /// </summary>
    public partial class StockReservedCheck : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.AddCheckConstraint(name: "ck_stock_items_reserved", table: "stock_items", sql: "reserved >= 0 AND reserved <= on_hand");

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.DropCheckConstraint(name: "ck_stock_items_reserved", table: "stock_items");
    }
}
