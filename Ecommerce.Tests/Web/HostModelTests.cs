using Ecommerce.Core.Data;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Web;

/// <summary>
/// The model as the web host builds it (with Identity UI's options) must be the one the migrations describe, on
/// every provider: a difference stops the app at start ("pending model changes"), as it once did on PostgreSQL.
/// </summary>
public sealed class HostModelTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    [InlineData("SqlServer")]
    public void The_web_hosts_model_has_no_changes_missing_from_the_migrations(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("ecommerce-model-").FullName;
        try
        {
            // No connection is opened: the model is compared with the provider's migration snapshot.
            var builder = WebApplication.CreateBuilder([$"--Database:Provider={provider}", "--ConnectionStrings:Postgres=Host=localhost;Database=unused",
                "--ConnectionStrings:SqlServer=Server=localhost;Database=unused;TrustServerCertificate=True", $"--DataFolder={folder}"]);
            builder.AddEcommerce();
            using var app = builder.Build();
            using var scope = app.Services.CreateScope();
            Assert.False(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.HasPendingModelChanges());
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
