using Club.Application.Features.Sales;
using Club.Domain.Members;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Tags;
using Club.Testing;

namespace Club.Application.Tests.Features.Sales;

/// <summary>The server's reading of a seller's photo the browser could not read: who may ask, and how often.</summary>
public class ReadTagPhotoTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_active_sellers_photo_of_a_tag_gives_its_serial_and_the_sale_is_recorded_with_it()
    {
        var seller = await db.SellerAsync();
        var tag = (await db.ActiveTagsAsync(seller, 1))[0];
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "jewelry-tag-30x20.json"));
        var scan = await LabelPhotos.ScanAsync(template, new Label(tag.Serial, TagCodes.ScanUrl("https://club.example", tag.Serial), tag.ScratchCode, "Кольцо", "B000001"));

        var read = await db.SendAsync<ReadTagPhotoResult>(new ReadTagPhotoCommand(seller.Id, LabelPhotos.Photograph(scan)));

        (read.Serial, read.Error).Should().Be((tag.Serial, null));
        (await db.RecordAsync(seller, read.Serial!)).Recorded.Should().BeTrue();
    }

    [Fact]
    public async Task A_seller_who_is_not_active_is_refused_before_anything_is_decoded()
    {
        var seller = await db.SellerAsync(SellerStatus.Pending);

        var read = await db.SendAsync<ReadTagPhotoResult>(new ReadTagPhotoCommand(seller.Id, TestImages.Jpeg()));

        read.Error!.Text.Should().Contain("not active");
    }

    [Fact]
    public async Task Past_the_hourly_limit_a_seller_is_asked_to_type_the_serial()
    {
        var seller = await db.SellerAsync();
        for (var i = 0; i < ReadTagPhotoCommand.PerSeller.Limit; i++)
        {
            (await db.SendAsync<ReadTagPhotoResult>(new ReadTagPhotoCommand(seller.Id, "not a photo"u8.ToArray()))).Error!.Text.Should().Contain("not a JPEG");
        }

        var refused = await db.SendAsync<ReadTagPhotoResult>(new ReadTagPhotoCommand(seller.Id, TestImages.Jpeg()));

        refused.Error!.Text.Should().Contain("Type the serial");
    }
}
