using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Data.Migrations.Postgres
{
    partial class ShopFontAndDraftTheme
    {
        /// <summary>This migration's target model, shared by the trigger migration that follows it.</summary>
        internal static void BuildModel(ModelBuilder modelBuilder) => new ShopFontAndDraftTheme().BuildTargetModel(modelBuilder);
    }
}
