using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturnsRefundsShipments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "refunded_amount",
                table: "shop_orders",
                type: "INTEGER",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "quantity_returned",
                table: "order_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "quantity_shipped",
                table: "order_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    shop_order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    payment_id = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    provider_refund_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    failure_message = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    return_request_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refunds", x => x.id);
                    table.CheckConstraint("ck_refunds_amount", "amount > 0");
                    table.ForeignKey(
                        name: "fk_refunds_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_refunds_shop_orders_shop_order_id",
                        column: x => x.shop_order_id,
                        principalTable: "shop_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "return_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    shop_order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    restocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    refund_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_requests_shop_orders_shop_order_id",
                        column: x => x.shop_order_id,
                        principalTable: "shop_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shipments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    shop_order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    tracking_number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    shipped_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipments", x => x.id);
                    table.ForeignKey(
                        name: "fk_shipments_shop_orders_shop_order_id",
                        column: x => x.shop_order_id,
                        principalTable: "shop_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "return_line",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    return_request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    order_line_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_line", x => x.id);
                    table.CheckConstraint("ck_return_lines_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_return_line_order_lines_order_line_id",
                        column: x => x.order_line_id,
                        principalTable: "order_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_return_line_return_requests_return_request_id",
                        column: x => x.return_request_id,
                        principalTable: "return_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shipment_line",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shipment_id = table.Column<int>(type: "INTEGER", nullable: false),
                    order_line_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipment_line", x => x.id);
                    table.CheckConstraint("ck_shipment_lines_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_shipment_line_order_lines_order_line_id",
                        column: x => x.order_line_id,
                        principalTable: "order_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shipment_line_shipments_shipment_id",
                        column: x => x.shipment_id,
                        principalTable: "shipments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Shop orders shipped before shipments existed shipped everything at once.
            migrationBuilder.Sql("UPDATE order_lines SET quantity_shipped = quantity WHERE shop_order_id IN (SELECT id FROM shop_orders WHERE status IN (3, 4))");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_order_id",
                table: "refunds",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_shop_order_id",
                table: "refunds",
                column: "shop_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_line_order_line_id",
                table: "return_line",
                column: "order_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_line_return_request_id",
                table: "return_line",
                column: "return_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_requests_order_id",
                table: "return_requests",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_requests_shop_order_id_status",
                table: "return_requests",
                columns: new[] { "shop_order_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_shipment_line_order_line_id",
                table: "shipment_line",
                column: "order_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_shipment_line_shipment_id",
                table: "shipment_line",
                column: "shipment_id");

            migrationBuilder.CreateIndex(
                name: "ix_shipments_order_id",
                table: "shipments",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_shipments_shop_order_id",
                table: "shipments",
                column: "shop_order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "refunds");

            migrationBuilder.DropTable(
                name: "return_line");

            migrationBuilder.DropTable(
                name: "shipment_line");

            migrationBuilder.DropTable(
                name: "return_requests");

            migrationBuilder.DropTable(
                name: "shipments");

            migrationBuilder.DropColumn(
                name: "refunded_amount",
                table: "shop_orders");

            migrationBuilder.DropColumn(
                name: "quantity_returned",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "quantity_shipped",
                table: "order_lines");
        }
    }
}
