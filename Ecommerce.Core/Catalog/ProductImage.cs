namespace Ecommerce.Core.Catalog;

public class ProductImage
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public required string Url { get; set; }
    public string AltText { get; set; } = "";
    public int Position { get; set; }
}
