using Mt.Data.Datasets;

namespace Mt.Data.Tests.Datasets;

public sealed class ShardTests
{
    [Theory]
    [InlineData(1000, 3)]
    [InlineData(10, 3)]
    [InlineData(2, 3)]
    [InlineData(0, 4)]
    [InlineData(7, 7)]
    [InlineData(5, 1)]
    public void Shards_cover_every_index_exactly_once_in_order(int count, int n)
    {
        IndexRange[] shards = Enumerable.Range(1, n).Select(k => Shard.ShardRange(count, k, n)).ToArray();

        Assert.Equal(Enumerable.Range(0, count), shards.SelectMany(s => s.Indices));
        Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1);
    }

    [Theory]
    [InlineData(-1, 1, 1)]
    [InlineData(5, 0, 3)]
    [InlineData(5, 4, 3)]
    [InlineData(5, 1, 0)]
    public void Invalid_shard_is_rejected(int count, int k, int n) =>
        Assert.ThrowsAny<ArgumentException>(() => Shard.ShardRange(count, k, n));

    [Theory]
    [InlineData("2/3", 2, 3)]
    [InlineData("1/1", 1, 1)]
    public void Shard_parses_k_of_n(string text, int k, int n) => Assert.Equal(new Shard(k, n), Shard.Parse(text));

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    [InlineData("1/2/3")]
    public void Shard_parse_rejects_malformed_text(string text) => Assert.Throws<FormatException>(() => Shard.Parse(text));
}
