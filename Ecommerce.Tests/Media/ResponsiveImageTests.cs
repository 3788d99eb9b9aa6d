using Bunit;
using Ecommerce.Core.Data;
using Ecommerce.Core.Media;
using Ecommerce.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Media;

/// <summary>
/// The storefront's picture component over a real media folder: srcset descriptors are the widths of the variants the
/// stored master gives (a small picture lists each width once), and the slot's sizes is the one given, or its width.
/// </summary>
public sealed class ResponsiveImageTests : BunitContext
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ecommerce-media-").FullName;

    public ResponsiveImageTests()
    {
        Directory.CreateDirectory(Path.Combine(_dataFolder, "media"));
        Services.AddSingleton(new MediaFolder(new DatabaseSettings(DatabaseProvider.Sqlite, "", _dataFolder)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }

    private Guid Store(byte[] bytes)
    {
        var id = Guid.NewGuid();
        File.WriteAllBytes(Path.Combine(_dataFolder, "media", $"{id:N}.jpg"), bytes);
        return id;
    }

    [Fact]
    public void A_small_picture_in_a_cart_line_lists_each_real_width_once_for_a_96px_slot()
    {
        // 500×300: the card and full variants are both the picture itself, 500 pixels wide.
        var id = Store(ImageProcessor.Process(TestPictures.Jpeg(500, 300), 40_000_000, "file").Master.Bytes);
        var cut = Render<ResponsiveImage>(p => p.Add(c => c.Src, $"/media/{id:N}.jpg").Add(c => c.Alt, "").Add(c => c.Width, 96).Add(c => c.Height, 96));

        var img = cut.Find("picture > img");
        Assert.Equal($"/media/{id:N}-thumb.jpg 200w, /media/{id:N}-card.jpg 500w", img.GetAttribute("srcset"));
        Assert.Equal("96px", img.GetAttribute("sizes"));
        Assert.Equal($"/media/{id:N}-thumb.jpg", img.GetAttribute("src"));
        Assert.Equal($"/media/{id:N}-thumb.webp 200w, /media/{id:N}-card.webp 500w", cut.Find("picture > source").GetAttribute("srcset"));
    }

    [Fact]
    public void An_upload_kept_from_before_masters_is_measured_upright_from_its_exif_orientation()
    {
        // The raw upload of a phone: 1800×1200 stored, shown 1200×1800.
        var id = Store(TestPictures.WithExifOrientationAndGps(TestPictures.Jpeg(1800, 1200)));
        var cut = Render<ResponsiveImage>(p => p.Add(c => c.Src, $"/media/{id:N}.jpg").Add(c => c.Width, 560).Add(c => c.Height, 560)
            .Add(c => c.Sizes, ResponsiveImage.GallerySizes));

        var img = cut.Find("picture > img");
        Assert.Equal($"/media/{id:N}-thumb.jpg 133w, /media/{id:N}-card.jpg 427w, /media/{id:N}-full.jpg 1067w", img.GetAttribute("srcset"));
        Assert.Equal(ResponsiveImage.GallerySizes, img.GetAttribute("sizes"));
    }

    [Theory]
    [InlineData("/media/0123456789abcdef0123456789abcdef.jpg")]             // an upload whose file is not on this node
    [InlineData("/media/0123456789abcdef0123456789abcdef.jpg/../../x.jpg")] // a stored address is text, not a path
    [InlineData("/images/placeholder.svg")]
    [InlineData("https://cdn.example.com/p.jpg")]
    public void Any_other_address_is_a_plain_img_without_srcset(string src)
    {
        var cut = Render<ResponsiveImage>(p => p.Add(c => c.Src, src).Add(c => c.Width, 320).Add(c => c.Height, 320));
        Assert.Empty(cut.FindAll("picture"));
        Assert.Equal(src, cut.Find("img").GetAttribute("src"));
        Assert.Null(cut.Find("img").GetAttribute("srcset"));
    }
}
