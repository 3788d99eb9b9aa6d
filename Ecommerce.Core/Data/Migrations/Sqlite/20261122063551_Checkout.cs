using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Checkout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reserved",
                table: "stock_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "cart_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shopper_key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    variant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cart_lines", x => x.id);
                    table.CheckConstraint("ck_cart_lines_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_cart_lines_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coupons",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shop_id = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    minimum_spend = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: true),
                    usage_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    per_customer_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    used_count = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons", x => x.id);
                    table.CheckConstraint("ck_coupons_used", "used_count >= 0 AND (usage_limit IS NULL OR used_count <= usage_limit)");
                    table.CheckConstraint("ck_coupons_value", "value > 0");
                    table.ForeignKey(
                        name: "fk_coupons_shops_shop_id",
                        column: x => x.shop_id,
                        principalTable: "shops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "flash_sale_claims",
                columns: table => new
                {
                    flash_sale_id = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_flash_sale_claims", x => new { x.flash_sale_id, x.customer_key });
                    table.CheckConstraint("ck_flash_sale_claims_quantity", "quantity >= 0");
                    table.ForeignKey(
                        name: "fk_flash_sale_claims_flash_sales_flash_sale_id",
                        column: x => x.flash_sale_id,
                        principalTable: "flash_sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    customer_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    shopper_key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    subtotal = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    discount = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    shipping = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    tax = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    total = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    ship_to = table.Column<string>(type: "TEXT", nullable: false),
                    placed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    payment_due_by = table.Column<DateTime>(type: "TEXT", nullable: false),
                    paid_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_notifications",
                columns: table => new
                {
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_notifications", x => new { x.provider, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "saved_addresses",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_saved_addresses_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stock_reservations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    variant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    holder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<int>(type: "INTEGER", nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    flash_sale_id = table.Column<int>(type: "INTEGER", nullable: true),
                    customer_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_reservations", x => x.id);
                    table.CheckConstraint("ck_stock_reservations_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_stock_reservations_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tax_rates",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    rate = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_rates", x => x.id);
                    table.CheckConstraint("ck_tax_rates_rate", "rate >= 0");
                });

            migrationBuilder.CreateTable(
                name: "wishlist_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shopper_key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    product_id = table.Column<int>(type: "INTEGER", nullable: false),
                    variant_id = table.Column<int>(type: "INTEGER", nullable: true),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wishlist_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_wishlist_items_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_wishlist_items_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coupon_redemptions",
                columns: table => new
                {
                    coupon_id = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupon_redemptions", x => new { x.coupon_id, x.customer_key });
                    table.CheckConstraint("ck_coupon_redemptions_count", "count >= 0");
                    table.ForeignKey(
                        name: "fk_coupon_redemptions_coupons_coupon_id",
                        column: x => x.coupon_id,
                        principalTable: "coupons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    shop_order_id = table.Column<int>(type: "INTEGER", nullable: true),
                    from = table.Column<int>(type: "INTEGER", nullable: true),
                    to = table.Column<int>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_history_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    provider_payment_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    refunded_amount = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    failure_code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    failure_message = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shop_orders",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    shop_id = table.Column<int>(type: "INTEGER", nullable: false),
                    shop_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    subtotal = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    discount = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    shipping = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    tax = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    total = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    coupon_id = table.Column<int>(type: "INTEGER", nullable: true),
                    coupon_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    shipping_method = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    delivery_min_days = table.Column<int>(type: "INTEGER", nullable: false),
                    delivery_max_days = table.Column<int>(type: "INTEGER", nullable: false),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    tracking_number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shop_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_shop_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_shop_orders_shops_shop_id",
                        column: x => x.shop_id,
                        principalTable: "shops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shop_order_id = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<int>(type: "INTEGER", nullable: false),
                    variant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    variant_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    list_price = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    unit_price = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    line_total = table.Column<long>(type: "INTEGER", precision: 18, scale: 4, nullable: false),
                    flash_sale_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => x.id);
                    table.CheckConstraint("ck_order_lines_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_order_lines_shop_orders_shop_order_id",
                        column: x => x.shop_order_id,
                        principalTable: "shop_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cart_lines_shopper_key_variant_id",
                table: "cart_lines",
                columns: new[] { "shopper_key", "variant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cart_lines_updated_at",
                table: "cart_lines",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_cart_lines_variant_id",
                table: "cart_lines",
                column: "variant_id");

            migrationBuilder.CreateIndex(
                name: "ix_coupons_code",
                table: "coupons",
                column: "code");

            migrationBuilder.CreateIndex(
                name: "ix_coupons_shop_id_code",
                table: "coupons",
                columns: new[] { "shop_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_order_history_order_id_at",
                table: "order_history",
                columns: new[] { "order_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_product_id",
                table: "order_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_shop_order_id",
                table: "order_lines",
                column: "shop_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_idempotency_key",
                table: "orders",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_number",
                table: "orders",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_placed_at",
                table: "orders",
                column: "placed_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_payment_due_by",
                table: "orders",
                columns: new[] { "status", "payment_due_by" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_user_id_placed_at",
                table: "orders",
                columns: new[] { "user_id", "placed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_order_id",
                table: "payments",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_provider_provider_payment_id",
                table: "payments",
                columns: new[] { "provider", "provider_payment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_saved_addresses_user_id",
                table: "saved_addresses",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_shop_orders_order_id",
                table: "shop_orders",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_shop_orders_shop_id_status",
                table: "shop_orders",
                columns: new[] { "shop_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_holder_id",
                table: "stock_reservations",
                column: "holder_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_order_id",
                table: "stock_reservations",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_status_expires_at",
                table: "stock_reservations",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_reservations_variant_id_status",
                table: "stock_reservations",
                columns: new[] { "variant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_tax_rates_country_region",
                table: "tax_rates",
                columns: new[] { "country", "region" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_items_product_id",
                table: "wishlist_items",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_items_shopper_key_product_id",
                table: "wishlist_items",
                columns: new[] { "shopper_key", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wishlist_items_variant_id",
                table: "wishlist_items",
                column: "variant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cart_lines");

            migrationBuilder.DropTable(
                name: "coupon_redemptions");

            migrationBuilder.DropTable(
                name: "flash_sale_claims");

            migrationBuilder.DropTable(
                name: "order_history");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "payment_notifications");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "saved_addresses");

            migrationBuilder.DropTable(
                name: "stock_reservations");

            migrationBuilder.DropTable(
                name: "tax_rates");

            migrationBuilder.DropTable(
                name: "wishlist_items");

            migrationBuilder.DropTable(
                name: "coupons");

            migrationBuilder.DropTable(
                name: "shop_orders");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropColumn(
                name: "reserved",
                table: "stock_items");
        }
    }
}
