using System.Security.Cryptography;
using System.Text;

namespace Microtask.Batches.Tests;

/// <summary>ZIPs built to hurt: each is refused whole, with a reason, and nothing comes through.</summary>
public class HostileZipTests
{
    private static readonly byte[] Table = Encoding.UTF8.GetBytes("photo,animal\na.jpg,cat\n");

    private static async Task<BatchFileError> RefusedAsync(byte[] zip, FileErrorCode code, ZipLimits? limits = null)
    {
        var report = await Zips.ParseAsync(zip, Zips.Rules(limits: limits));
        Assert.Empty(report.Media);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), report.Sha256);
        return Batch.Refused(report, code);
    }

    [Fact]
    public async Task A_photo_that_unpacks_to_far_more_than_its_size_is_a_zip_bomb()
    {
        var zip = RawZip.Build(RawEntry.Plain("t.csv", Table), RawEntry.Deflated("a.jpg", [.. Samples.Jpeg(), .. new byte[40 * 1024 * 1024]]));

        Assert.Equal(["a.jpg"], (await RefusedAsync(zip, FileErrorCode.ZipBomb)).Names);
    }

    [Fact]
    public async Task A_table_refused_for_its_keys_unpacks_none_of_its_files()
    {
        var table = Encoding.UTF8.GetBytes("{\"photo\": \"a.jpg\", \"animal\": \"cat\"}\n{\"photo\": \"a.jpg\", \"animal\": \"dog\", \"id\": 2}\n");
        var zip = RawZip.Build(RawEntry.Plain("t.jsonl", table), RawEntry.Deflated("a.jpg", [.. Samples.Jpeg(), .. new byte[40 * 1024 * 1024]]));

        Assert.Equal(["id"], (await RefusedAsync(zip, FileErrorCode.UnknownColumns)).Names);
    }

    [Fact]
    public async Task A_table_that_unpacks_to_far_more_than_its_size_is_a_zip_bomb()
    {
        var blank = Enumerable.Repeat((byte)'\n', 40 * 1024 * 1024);

        Assert.Equal(["t.csv"], (await RefusedAsync(RawZip.Build(RawEntry.Deflated("t.csv", [.. Table, .. blank])), FileErrorCode.ZipBomb)).Names);
    }

    [Fact]
    public async Task Files_that_unpack_past_the_total_are_refused_even_when_headers_claim_them_small()
    {
        var random = new Random(7);
        var noise = new byte[300_000];
        random.NextBytes(noise);
        byte[] photo = [.. Samples.Jpeg(), .. noise];
        var table = Encoding.UTF8.GetBytes("photo,animal\na.jpg,1\nb.jpg,2\n");
        var honest = RawZip.Build(RawEntry.Plain("t.csv", table), RawEntry.Plain("a.jpg", photo), RawEntry.Plain("b.jpg", [.. photo, 1]));
        var lying = RawZip.Build(RawEntry.Plain("t.csv", table), RawEntry.Plain("a.jpg", photo) with { Size = 10 }, RawEntry.Plain("b.jpg", [.. photo, 1]) with { Size = 10 });
        var limits = new ZipLimits(MaxUnpackedBytes: 500_000);

        Assert.Equal(["0.5"], (await RefusedAsync(honest, FileErrorCode.ZipTooLarge, limits)).Names);
        Assert.Equal(2, (await Zips.ParseAsync(honest, Zips.Rules(limits: new ZipLimits(MaxUnpackedBytes: 700_000)))).Accepted.Count);
        await RefusedAsync(lying, FileErrorCode.ZipTooLarge, limits);
    }

    [Fact]
    public async Task A_packed_file_longer_than_its_header_says_is_refused_as_corrupt()
    {
        var zip = RawZip.Build(RawEntry.Plain("t.csv", Table), RawEntry.Deflated("a.jpg", [.. Samples.Jpeg(), .. new byte[5000]]) with { Size = 100 });

        Assert.Equal(["a.jpg"], (await RefusedAsync(zip, FileErrorCode.ZipCorrupt)).Names);
    }

    [Fact]
    public async Task A_packed_size_claimed_too_large_does_not_let_a_bomb_past_the_total()
    {
        var bomb = RawEntry.Deflated("a.jpg", [.. Samples.Jpeg(), .. new byte[20 * 1024 * 1024]]);
        var padded = bomb with { Stored = [.. bomb.Stored, .. new byte[300_000]], PackedSize = (uint)bomb.Stored.Length + 300_000 };

        await RefusedAsync(RawZip.Build(RawEntry.Plain("t.csv", Table), padded), FileErrorCode.ZipTooLarge, new ZipLimits(MaxUnpackedBytes: 10 * 1024 * 1024));
    }

    [Fact]
    public void Unpacking_stops_at_the_read_that_passes_a_limit()
    {
        var zip = Zips.Build(("big.bin", new byte[5 * 1024 * 1024]));
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var budget = new UnpackBudget(new ZipLimits(MaxUnpackedBytes: 100_000, MaxRatio: int.MaxValue));
        using var stream = new UnpackedStream(archive.Entries[0], "big.bin", budget);
        var buffer = new byte[4096];
        long read = 0;

        var refusal = Assert.Throws<BatchFileException>(() =>
        {
            while (stream.Read(buffer) is var n and > 0)
            {
                read += n;
            }
        });

        Assert.Equal(FileErrorCode.ZipTooLarge, refusal.Error.Code);
        Assert.InRange(read, 100_000 - buffer.Length, 100_000);
    }

    [Fact]
    public async Task More_entries_than_allowed_are_refused_before_they_are_listed()
    {
        var many = Enumerable.Range(0, 6).Select(i => RawEntry.Plain($"{i}.jpg", Samples.Jpeg())).Prepend(RawEntry.Plain("t.csv", Table)).ToArray();

        Assert.Equal(["5"], (await RefusedAsync(RawZip.Build(many), FileErrorCode.ZipTooManyEntries, new ZipLimits(MaxEntries: 5))).Names);
        Assert.True(CentralDirectory.HasMoreThan(RawZip.Build(many), 5));
        Assert.False(CentralDirectory.HasMoreThan(RawZip.Build(many), 7));
    }

    [Theory]
    [InlineData("../a.jpg")]
    [InlineData("photos/../../a.jpg")]
    [InlineData("..\\..\\windows\\a.jpg")]
    [InlineData("/etc/a.jpg")]
    [InlineData("\\\\server\\share\\a.jpg")]
    [InlineData("C:/Users/a.jpg")]
    [InlineData("c:a.jpg")]
    [InlineData("photos/a.jpg\u0000.csv")]
    public async Task A_path_that_leaves_the_archive_refuses_it(string path)
    {
        var zip = RawZip.Build(RawEntry.Plain("t.csv", Table), RawEntry.Plain(path, Samples.Jpeg()));

        Assert.Equal([path], (await RefusedAsync(zip, FileErrorCode.ZipUnsafePath)).Names);
    }

    [Fact]
    public async Task An_encrypted_file_refuses_the_archive()
    {
        var zip = RawZip.Build(RawEntry.Plain("t.csv", Table), RawEntry.Plain("a.jpg", Samples.Jpeg()) with { Flags = 1 });

        Assert.Equal(["a.jpg"], (await RefusedAsync(zip, FileErrorCode.ZipEncrypted)).Names);
    }

    [Fact]
    public async Task An_archive_inside_the_archive_refuses_it_by_its_name_or_its_content()
    {
        var inner = Zips.Build(("a.jpg", Samples.Jpeg()));

        Assert.Equal(["more.zip"], (await RefusedAsync(Zips.Build(("t.csv", Table), ("a.jpg", Samples.Jpeg()), ("more.zip", inner)), FileErrorCode.ZipNested)).Names);
        Assert.Equal(["a.jpg"], (await RefusedAsync(Zips.Build(("t.csv", Table), ("a.jpg", inner)), FileErrorCode.ZipNested)).Names);
        Assert.Equal(["t.csv"], (await RefusedAsync(Zips.Build(("t.csv", inner)), FileErrorCode.ZipNested)).Names);
    }

    [Fact]
    public async Task The_same_path_twice_refuses_the_archive()
    {
        var zip = RawZip.Build(RawEntry.Plain("t.csv", Table), RawEntry.Plain("a.jpg", Samples.Jpeg()), RawEntry.Plain("a.jpg", Samples.WindowsProgram()));

        Assert.Equal(["a.jpg"], (await RefusedAsync(zip, FileErrorCode.ZipDuplicatePaths)).Names);
    }

    [Fact]
    public async Task No_table_or_several_tables_refuse_the_archive_naming_them()
    {
        await RefusedAsync(Zips.Build(("a.jpg", Samples.Jpeg())), FileErrorCode.ZipNoTable);
        await RefusedAsync(Zips.Build(), FileErrorCode.ZipNoTable);
        var several = Zips.Build(("t.csv", Table), ("old/t.jsonl", Table), ("a.jpg", Samples.Jpeg()));

        Assert.Equal(["t.csv", "old/t.jsonl"], (await RefusedAsync(several, FileErrorCode.ZipSeveralTables)).Names);
    }

    [Fact]
    public async Task A_damaged_or_cut_archive_is_refused_as_corrupt()
    {
        var zip = RawZip.Build(RawEntry.Plain("t.csv", Table), RawEntry.Plain("a.jpg", Samples.Jpeg()));
        var flipped = (byte[])zip.Clone();
        flipped[zip.AsSpan().IndexOf(Samples.Jpeg()) + 100] ^= 0x40;

        await RefusedAsync(zip[..(zip.Length / 2)], FileErrorCode.ZipCorrupt);
        await RefusedAsync("not a zip at all"u8.ToArray(), FileErrorCode.ZipCorrupt);
        Assert.Equal(["a.jpg"], (await RefusedAsync(flipped, FileErrorCode.ZipCorrupt)).Names);
        Assert.Single((await Zips.ParseAsync(zip)).Accepted);
    }

    [Fact]
    public async Task Every_cut_of_a_good_zip_is_refused_or_read_without_failing()
    {
        var zip = Zips.Build(("t.csv", Table), ("a.jpg", Samples.Jpeg()));
        for (var length = 0; length < zip.Length; length += 7)
        {
            var report = await Zips.ParseAsync(zip[..length]);
            Assert.True(report.Problem is not null || report.Accepted.Count == 1);
        }
    }
}
