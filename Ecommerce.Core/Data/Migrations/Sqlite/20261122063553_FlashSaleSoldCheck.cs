using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite adds a check constraint by rebuilding the table, which runs outside a transaction: alone in its migration,
    /// so that no other operation shares its fate if the process stops half way (split out of Checkout).
    /// </summary>
    public partial class FlashSaleSoldCheck : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.AddCheckConstraint(name: "ck_flash_sales_sold_positive", table: "flash_sales", sql: "sold_count >= 0");

        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.DropCheckConstraint(name: "ck_flash_sales_sold_positive", table: "flash_sales");
    }
}
