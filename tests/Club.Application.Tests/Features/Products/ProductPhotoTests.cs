using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Products;
using Club.Application.Features.Verification;
using Club.Testing;
using SkiaSharp;

namespace Club.Application.Tests.Features.Products;

public class ProductPhotoTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_photo_is_re_encoded_without_its_gps_bounded_and_thumbnailed_and_becomes_the_products_picture()
    {
        var id = await NewProductAsync("T-PHOTO-1");

        var result = await db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.JpegWithGps(2400, 1200)));

        result.Succeeded.Should().BeTrue();
        var photo = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Photos.Single();
        var stored = (await db.SendAsync<ProductPhotoFile?>(new GetProductPhotoQuery(photo.Id, Thumbnail: false)))!;
        var thumbnail = (await db.SendAsync<ProductPhotoFile?>(new GetProductPhotoQuery(photo.Id, Thumbnail: true)))!;
        Encoding.ASCII.GetString(stored.Content).Should().NotContain(TestImages.GpsSecret).And.NotContain("Exif");
        stored.ContentType.Should().Be("image/jpeg");
        using (var decoded = SKBitmap.Decode(stored.Content))
        {
            (decoded.Width, decoded.Height).Should().Be((1600, 800));
        }

        using (var small = SKBitmap.Decode(thumbnail.Content))
        {
            Math.Max(small.Width, small.Height).Should().Be(400);
        }

        var tags = (await TestTags.CreateBatchAsync(db.Services, 1, "T-PHOTO-1")).Tags;
        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tags[0].Serial, null, Log: false));
        scan.Product!.PhotoUrl.Should().Be(photo.Url, "the scan page shows the real photo");
    }

    [Fact]
    public async Task Decompression_bombs_and_files_that_are_not_pictures_are_refused_with_a_message()
    {
        var id = await NewProductAsync("T-PHOTO-BAD");

        var bomb = await db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.PngBomb()));
        var text = await db.SendAsync<Result>(new AddProductPhotoCommand(id, Encoding.UTF8.GetBytes("<svg onload=alert(1)>")));
        var huge = await db.SendAsync<Result>(new AddProductPhotoCommand(id, new byte[10 * 1024 * 1024 + 1]));

        bomb.Errors.Single().Message().Key.Should().Be("The picture is too large: at most {0} megapixels.");
        text.Errors.Single().Message().Key.Should().Be("This is not a JPEG, PNG or WebP picture.");
        huge.Errors.Single().Message().Key.Should().Be("The photo is larger than {0} MB.");
        (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Photos.Should().BeEmpty();
    }

    [Fact]
    public async Task A_product_has_at_most_eight_photos_and_removing_them_brings_back_the_drawing()
    {
        var id = await NewProductAsync("T-PHOTO-8");
        for (var i = 0; i < 8; i++)
        {
            (await db.SendAsync<Result>(new AddProductPhotoCommand(id, i % 2 == 0 ? TestImages.Jpeg() : TestImages.Png()))).Succeeded.Should().BeTrue();
        }

        var ninth = await db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.Jpeg()));
        var photos = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Photos;
        (await db.SendAsync<Result>(new ChangeProductPhotoCommand(id, photos[3].Id, MakeMain: true))).Succeeded.Should().BeTrue();
        var reordered = (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Photos;
        foreach (var photo in reordered)
        {
            (await db.SendAsync<Result>(new ChangeProductPhotoCommand(id, photo.Id, MakeMain: false))).Succeeded.Should().BeTrue();
        }

        ninth.Succeeded.Should().BeFalse();
        reordered[0].Id.Should().Be(photos[3].Id);
        (await db.SendAsync<ProductSearchPage>(new SearchProductsQuery("T-PHOTO-8"))).Rows.Single().PhotoUrl.Should().Be("/media/products/T-PHOTO-8.svg");
    }

    [Fact]
    public async Task Pictures_over_24_megapixels_are_refused_from_their_header_and_a_header_must_match_its_signature()
    {
        var id = await NewProductAsync("T-PHOTO-MP");

        var jpeg = await db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.JpegDeclaring(6000, 4100)));
        var png = TestImages.Png(1, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 5000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 5000);
        var pngResult = await db.SendAsync<Result>(new AddProductPhotoCommand(id, png));
        var brokenHeader = TestImages.Png(1, 1);
        "XXXX"u8.CopyTo(brokenHeader.AsSpan(12)); // the IHDR chunk's name: a PNG signature, then no PNG header
        var notPng = await db.SendAsync<Result>(new AddProductPhotoCommand(id, brokenHeader));
        var webPShell = await db.SendAsync<Result>(new AddProductPhotoCommand(id, [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. TestImages.Jpeg()]));
        var fits = await db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.JpegDeclaring(6000, 4000)));

        jpeg.Errors.Single().Message().Should().BeEquivalentTo(new { Key = "The picture is too large: at most {0} megapixels.", Args = new object[] { 24L } });
        pngResult.Errors.Single().Message().Key.Should().Be("The picture is too large: at most {0} megapixels.");
        notPng.Errors.Single().Message().Key.Should().Be("The picture could not be read. Save it again as JPEG or PNG and retry.");
        webPShell.Errors.Single().Message().Key.Should().Be("The picture could not be read. Save it again as JPEG or PNG and retry.");
        fits.Errors.Select(e => e.Message().Key).Should().NotContain("The picture is too large: at most {0} megapixels.", "24 MP is allowed");
    }

    [Fact]
    public async Task Parallel_uploads_never_give_a_product_more_than_eight_photos()
    {
        var id = await NewProductAsync("T-PHOTO-RACE");
        for (var i = 0; i < 6; i++)
        {
            (await db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.Jpeg()))).Succeeded.Should().BeTrue();
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => db.SendAsync<Result>(new AddProductPhotoCommand(id, TestImages.Png()))));

        results.Count(r => r.Succeeded).Should().Be(2);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors.Single().Message().Key == "A product has at most {0} photos. Remove one first.");
        (await db.SendAsync<ProductDetails?>(new GetProductDetailsQuery(id)))!.Photos.Should().HaveCount(8);
    }

    private async Task<int> NewProductAsync(string sku) =>
        (await db.SendAsync<SaveProductResult>(new SaveProductCommand(null, null, sku, "Тест", null, "Классика", "Ring", "Серебро 925", null, null, null, true)))
        .ProductId!.Value;
}
