using Ecommerce.Core.Accounts;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Cart;

/// <summary>The address book: one default at a time, validation, and every action scoped to its owner; on each provider.</summary>
public abstract class AddressBookTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private AddressBook Book => database.Services.GetRequiredService<AddressBook>();

    private async Task<string> UserAsync()
    {
        var email = $"book-{Guid.NewGuid():N}@test.local";
        await using var db = database.NewContext();
        var user = new AppUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static PostalAddress Address(string name, string postalCode = "94107") => new()
    {
        Name = name, Line1 = "1 Market St", City = "San Francisco", Region = "ca", PostalCode = postalCode, Country = "us",
    };

    [Fact]
    public async Task The_first_address_is_the_default_and_one_default_remains_through_changes()
    {
        var user = await UserAsync();
        Assert.Null(await Book.DefaultLocationAsync(user));

        var home = await Book.AddAsync(user, Address("Home", "94107"));
        var work = await Book.AddAsync(user, Address("Work", "94105"));
        Assert.Equal([home], (await Book.ListAsync(user)).Where(a => a.IsDefault).Select(a => a.Id));
        var location = await Book.DefaultLocationAsync(user);
        Assert.Equal(("US", "94107", "CA"), (location!.Country, location.PostalCode, location.Region)); // normalised on the way in

        await Book.SetDefaultAsync(user, work);
        var listed = await Book.ListAsync(user);
        Assert.Equal(work, Assert.Single(listed, a => a.IsDefault).Id);
        Assert.Equal(work, listed[0].Id); // the default first

        var third = await Book.AddAsync(user, Address("Cabin", "96150"), makeDefault: true);
        Assert.Equal(third, Assert.Single(await Book.ListAsync(user), a => a.IsDefault).Id);

        // Deleting the default hands it to the newest remaining address.
        await Book.DeleteAsync(user, third);
        Assert.Equal(work, Assert.Single(await Book.ListAsync(user), a => a.IsDefault).Id);
        await Book.DeleteAsync(user, work);
        await Book.DeleteAsync(user, home);
        Assert.Empty(await Book.ListAsync(user));
        Assert.Null(await Book.DefaultAsync(user));
    }

    [Fact]
    public async Task Edits_replace_the_address_and_invalid_ones_name_every_field()
    {
        var user = await UserAsync();
        var id = await Book.AddAsync(user, Address("Home"));
        await Book.UpdateAsync(user, id, Address("Home, new door"));
        Assert.Equal("Home, new door", (await Book.GetAsync(user, id)).Address.Name);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Book.AddAsync(user, new PostalAddress { Name = " ", PostalCode = "#!", Country = "USA", Line1 = null!, City = null! }));
        Assert.Equal(["address.city", "address.country", "address.line1", "address.name"], error.Errors.Keys.Order());
        var bad = await Assert.ThrowsAsync<ValidationException>(() => Book.UpdateAsync(user, id, Address("X", "not a postcode!")));
        Assert.Contains("address.postalCode", bad.Errors.Keys);
        Assert.Equal("Home, new door", (await Book.GetAsync(user, id)).Address.Name); // nothing half-written
        Assert.Single(await Book.ListAsync(user));
    }

    [Fact]
    public async Task Another_users_address_is_not_found_for_every_action()
    {
        var owner = await UserAsync();
        var stranger = await UserAsync();
        var id = await Book.AddAsync(owner, Address("Owner"));
        await Book.AddAsync(stranger, Address("Stranger"));

        await Assert.ThrowsAsync<NotFoundException>(() => Book.GetAsync(stranger, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.UpdateAsync(stranger, id, Address("Taken")));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.DeleteAsync(stranger, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.SetDefaultAsync(stranger, id));
        Assert.DoesNotContain(await Book.ListAsync(stranger), a => a.Id == id);

        var mine = Assert.Single(await Book.ListAsync(owner));
        Assert.Equal(("Owner", true), (mine.Address.Name, mine.IsDefault));
        Assert.Equal("Stranger", (await Book.DefaultAsync(stranger))!.Address.Name); // the stranger's default untouched by the attempts
    }

    [Fact]
    public async Task An_address_book_is_limited_in_size()
    {
        var user = await UserAsync();
        for (var i = 0; i < AddressBook.MaxAddresses; i++) await Book.AddAsync(user, Address($"A{i}"));
        var error = await Assert.ThrowsAsync<ValidationException>(() => Book.AddAsync(user, Address("One too many")));
        Assert.Contains("address", error.Errors.Keys);
        Assert.Equal(AddressBook.MaxAddresses, (await Book.ListAsync(user)).Count);
    }
}

public sealed class SqliteAddressBookTests(SqliteTestDatabase database) : AddressBookTests<SqliteTestDatabase>(database);

public sealed class PostgresAddressBookTests(PostgresTestDatabase database) : AddressBookTests<PostgresTestDatabase>(database);
