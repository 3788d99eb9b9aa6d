using Ecommerce.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEcommerce();

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (await Commands.TryRunAsync(app, args)) return;
app.UseEcommerce();
app.Run();

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
