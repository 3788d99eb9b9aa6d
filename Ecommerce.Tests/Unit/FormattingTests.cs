using Ecommerce.Core.Catalog;
using Ecommerce.Web.Components.Shared;

namespace Ecommerce.Tests.Unit;

public sealed class FormattingTests
{
    [Theory]
    [InlineData(1234.5, "USD", "$1,234.50")]
    [InlineData(0.99, "EUR", "€0.99")]
    [InlineData(10, "JPY", "10.00 JPY")]
    public void Money_shows_symbol_and_two_decimals(decimal amount, string currency, string expected) =>
        Assert.Equal(expected, Money.Format(amount, currency));

    [Fact]
    public void Attributes_read_naturally()
    {
        Assert.Equal("16 GB", AttributeFormatting.Display(new AttributeDefinition { Key = "ram", Label = "RAM", Type = AttributeType.Number, Unit = "GB" }, "16"));
        Assert.Equal("Yes", AttributeFormatting.Display(new AttributeDefinition { Key = "organic", Label = "Organic", Type = AttributeType.YesNo }, "true"));
        Assert.Equal("milk, nuts", AttributeFormatting.Display(new AttributeDefinition { Key = "allergens", Label = "Allergens", Type = AttributeType.List }, "milk|nuts"));
        Assert.Equal("3 Mar 2027", AttributeFormatting.Display(new AttributeDefinition { Key = "bb", Label = "Best before", Type = AttributeType.Date }, "2027-03-03"));
    }

    [Theory]
    [InlineData("Name desc", MerchantProductSort.Name, true)]
    [InlineData("MinPrice", MerchantProductSort.MinPrice, false)]
    [InlineData("stock ASC", MerchantProductSort.Stock, false)]
    [InlineData("PasswordHash desc", MerchantProductSort.UpdatedAt, true)]
    [InlineData(null, MerchantProductSort.UpdatedAt, true)]
    public void Grid_sorting_accepts_only_known_columns(string? orderBy, MerchantProductSort sort, bool descending) =>
        Assert.Equal((sort, descending), GridSort.Parse(orderBy, MerchantProductSort.UpdatedAt));
}
