using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Core.Email;

/// <summary>
/// A record that a notification was sent, by a key naming the event and the recipient ("order.paid:42:shopper"):
/// event handlers run at least once, and this is how a second delivery knows not to send the mail again. While a mail is
/// being sent its key is claimed by a row "sending:{key}" whose SentAt is the end of the claim's lease (<see cref="OnceOnlyEmail"/>).
/// </summary>
public class SentEmail
{
    public required string Key { get; set; }
    public required string Recipient { get; set; }
    public DateTime SentAt { get; set; }
}

internal sealed class SentEmailConfiguration : IEntityTypeConfiguration<SentEmail>
{
    public void Configure(EntityTypeBuilder<SentEmail> b)
    {
        b.HasKey(e => e.Key);
        b.Property(e => e.Key).HasMaxLength(200);
        b.Property(e => e.Recipient).HasMaxLength(256);
    }
}
