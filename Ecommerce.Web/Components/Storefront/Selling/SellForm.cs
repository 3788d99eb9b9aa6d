using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Web.Components.Storefront.Selling;

/// <summary>The merchant application form. Core validates again; these attributes only give early messages.</summary>
public sealed class SellForm
{
    [Required(ErrorMessage = "Enter your business name."), StringLength(200)]
    public string? BusinessName { get; set; }

    [Required(ErrorMessage = "Enter a contact email."), EmailAddress(ErrorMessage = "Enter a valid contact email."), StringLength(256)]
    public string? ContactEmail { get; set; }

    [StringLength(40)]
    public string? ContactPhone { get; set; }

    [Required(ErrorMessage = "Enter your country as a two-letter code.")]
    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Enter your country as a two-letter code (ISO 3166-1, e.g. US, FR).")]
    public string? Country { get; set; }
}
