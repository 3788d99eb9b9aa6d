using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ShopFontAndDraftTheme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "draft_theme",
                table: "shops",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "font",
                table: "shops",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "draft_theme",
                table: "shops");

            migrationBuilder.DropColumn(
                name: "font",
                table: "shops");
        }
    }
}
