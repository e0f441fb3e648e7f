using VideoRelay.Ingest.Rtmp.Amf;

namespace VideoRelay.Ingest.Rtmp.Tests;

public sealed class Amf0Tests
{
    public static TheoryData<string, object?> Values => new()
    {
        { "number", 42.5 },
        { "negative zero", -0.0 },
        { "true", true },
        { "false", false },
        { "string", "live" },
        { "utf8 string", "caf\u00e9 \u2603" },
        { "empty string", "" },
        { "null", null },
        { "date", new DateTime(2024, 5, 1, 12, 30, 0, 250, DateTimeKind.Utc) },
        { "strict array", new object?[] { 1.0, "two", null, true } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Scalar_values_round_trip(string name, object? value)
    {
        _ = name;
        byte[] bytes = Write(value);
        Assert.True(Amf0Reader.TryRead(bytes, out object? decoded, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(value, decoded);
        Assert.Equal(bytes, Write(decoded));
    }

    [Fact]
    public void Undefined_round_trips_as_its_own_value()
    {
        byte[] bytes = Write(Amf0Undefined.Value);
        Assert.Equal([0x06], bytes);
        Assert.True(Amf0Reader.TryRead(bytes, out object? decoded, out _));
        Assert.Same(Amf0Undefined.Value, decoded);
    }

    [Fact]
    public void Object_and_ecma_array_round_trip_and_keep_their_kind()
    {
        var metadata = new Amf0EcmaArray
        {
            ["width"] = 1280.0,
            ["height"] = 720.0,
            ["encoder"] = "Lavf59.27.100",
            ["stereo"] = false,
            ["nested"] = new Dictionary<string, object?> { ["a"] = 1.0, ["list"] = new object?[] { "x" } },
        };
        byte[] bytes = Write(metadata);
        Assert.Equal(0x08, bytes[0]);
        Assert.True(Amf0Reader.TryRead(bytes, out object? decoded, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Amf0EcmaArray ecma = Assert.IsType<Amf0EcmaArray>(decoded);
        Assert.Equal(1280.0, ecma["width"]);
        Assert.Equal("Lavf59.27.100", ecma["encoder"]);
        var nested = Assert.IsType<Dictionary<string, object?>>(ecma["nested"]);
        Assert.Equal(new object?[] { "x" }, nested["list"]);
        Assert.Equal(bytes, Write(decoded));
    }

    [Fact]
    public void Connect_command_bytes_decode_to_the_expected_values()
    {
        // "connect", 1, { app: "live" } written by hand from the AMF0 specification.
        byte[] bytes =
        [
            0x02, 0x00, 0x07, .. "connect"u8,
            0x00, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0,
            0x03, 0x00, 0x03, .. "app"u8, 0x02, 0x00, 0x04, .. "live"u8, 0x00, 0x00, 0x09,
        ];
        byte[] copy = [.. bytes];
        var reader = new Amf0Reader(bytes);
        Assert.True(reader.TryReadString(out string name));
        Assert.True(reader.TryReadNumber(out double transaction));
        Assert.True(reader.TryReadValue(out object? commandObject));
        Assert.True(reader.IsAtEnd);
        Assert.Equal("connect", name);
        Assert.Equal(1.0, transaction);
        Assert.Equal("live", Assert.IsType<Dictionary<string, object?>>(commandObject)["app"]);
        Assert.Equal(copy, bytes); // input not mutated
        Assert.Equal(bytes, Tests.Support.FakeRtmpClient.Amf("connect", 1.0, new Dictionary<string, object?> { ["app"] = "live" }));
    }

    [Fact]
    public void Long_strings_use_the_long_form()
    {
        string value = new('x', 70_000);
        byte[] bytes = Write(value, 80_000);
        Assert.Equal(0x0C, bytes[0]);
        var reader = new Amf0Reader(bytes, new Amf0Limits(4, 16, 100_000));
        Assert.True(reader.TryReadValue(out object? decoded));
        Assert.Equal(value, decoded);
    }

    [Fact]
    public void Ecma_array_without_end_marker_at_end_of_input_is_accepted()
    {
        byte[] bytes = [0x08, 0, 0, 0, 1, 0x00, 0x01, (byte)'a', 0x01, 0x01];
        Assert.True(Amf0Reader.TryRead(bytes, out object? decoded, out _));
        Assert.Equal(true, Assert.IsType<Amf0EcmaArray>(decoded)["a"]);
    }

    public static TheoryData<string, byte[]> Hostile => new()
    {
        { "empty", [] },
        { "truncated number", [0x00, 0x40, 0x45] },
        { "string longer than input", [0x02, 0x00, 0x10, (byte)'a'] },
        { "long string length 4 GiB", [0x0C, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'a'] },
        { "object without end", [0x03, 0x00, 0x01, (byte)'a', 0x05] },
        { "strict array count lies", [0x0A, 0x7F, 0xFF, 0xFF, 0xFF, 0x05] },
        { "reference marker", [0x07, 0x00, 0x01] },
        { "AMF3 switch", [0x11, 0x01] },
        { "typed object", [0x10, 0x00, 0x01, (byte)'T', 0x00, 0x00, 0x09] },
        { "unknown marker", [0x42] },
        { "NaN date", [0x0B, 0x7F, 0xF8, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "truncated boolean", [0x01] },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_input_is_refused_without_throwing(string name, byte[] bytes)
    {
        _ = name;
        Assert.False(Amf0Reader.TryRead(bytes, out object? value, out int consumed));
        Assert.Null(value);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var bytes = new List<byte>();
        for (int i = 0; i < 40; i++)
        {
            bytes.AddRange([0x0A, 0, 0, 0, 1]); // strict array of one element, nested
        }
        bytes.Add(0x05);
        Assert.False(Amf0Reader.TryRead(bytes.ToArray(), out _, out _));
        var shallow = new Amf0Reader(bytes.ToArray(), new Amf0Limits(MaxDepth: 64, MaxValues: 100, MaxStringLength: 10));
        Assert.True(shallow.TryReadValue(out _));
    }

    [Fact]
    public void Value_count_beyond_the_limit_is_refused()
    {
        byte[] bytes = [0x0A, 0, 0, 0, 10, .. Enumerable.Repeat((byte)0x05, 10)];
        var reader = new Amf0Reader(bytes, new Amf0Limits(MaxDepth: 4, MaxValues: 5, MaxStringLength: 10));
        Assert.False(reader.TryReadValue(out _));
    }

    [Fact]
    public void Writer_returns_false_when_the_value_does_not_fit()
    {
        Span<byte> small = stackalloc byte[8];
        var writer = new Amf0Writer(small);
        Assert.False(writer.TryWriteNumber(1));
        Assert.False(writer.TryWriteValue(new Dictionary<string, object?> { ["key"] = "value" }));
        Assert.Equal(0, writer.Written);
        Assert.True(writer.TryWriteString("abc"));
        Assert.Equal(6, writer.Written);
    }

    private static byte[] Write(object? value, int capacity = 4096)
    {
        var buffer = new byte[capacity];
        var writer = new Amf0Writer(buffer);
        Assert.True(writer.TryWriteValue(value));
        return buffer.AsSpan(0, writer.Written).ToArray();
    }
}
