using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// Every insert into the outbox notifies the listening nodes (PostgreSQL delivers a NOTIFY when its transaction
    /// commits, and never for one rolled back), so their dispatchers wake at once instead of at their next poll.
    /// </summary>
    public partial class OutboxWakeUp : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION outbox_written_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('outbox_written', '');
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER outbox_written AFTER INSERT ON outbox_messages FOR EACH STATEMENT EXECUTE FUNCTION outbox_written_notify();");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER outbox_written ON outbox_messages;");
            migrationBuilder.Sql("DROP FUNCTION outbox_written_notify();");
        }
    }
}
