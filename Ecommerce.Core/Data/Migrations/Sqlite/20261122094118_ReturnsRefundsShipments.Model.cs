using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Data.Migrations.Sqlite
{
    partial class ReturnsRefundsShipments
    {
        /// <summary>This migration's target model, shared by the constraint migrations split out of it.</summary>
        internal static void BuildModel(ModelBuilder modelBuilder) => new ReturnsRefundsShipments().BuildTargetModel(modelBuilder);
    }
}
