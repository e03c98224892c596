using System.Text.Json;
using System.Text.Json.Nodes;
using HybridGateway.Configuration.Schema;
using HybridGateway.Configuration.Serialization;
using HybridGateway.Configuration.Tests.Support;

namespace HybridGateway.Configuration.Tests.Schema;

public sealed class JsonShapeCheckerTests
{
    private static readonly TypeSchema Schema = TypeSchema.For<ShapeSample>();

    [Theory]
    // unknown field, at the top and in a nested record
    [InlineData("""{"name":"n","extra":1}""", "extra", "unknown field")]
    [InlineData("""{"name":"n","child":{"nope":1}}""", "child.nope", "unknown field")]
    // string
    [InlineData("""{"name":1}""", "name", "expected a string")]
    [InlineData("""{"name":"n","note":true}""", "note", "expected a string")]
    // integer, including values that do not fit an int32 field
    [InlineData("""{"name":"n","count":"1"}""", "count", "expected an integer")]
    [InlineData("""{"name":"n","count":1.5}""", "count", "expected an integer")]
    [InlineData("""{"name":"n","count":2147483648}""", "count", "value should be between -2147483648 and 2147483647")]
    [InlineData("""{"name":"n","count":-2147483649}""", "count", "value should be between -2147483648 and 2147483647")]
    [InlineData("""{"name":"n","total":"5"}""", "total", "expected an integer")]
    // number
    [InlineData("""{"name":"n","ratio":"0.5"}""", "ratio", "expected a number")]
    [InlineData("""{"name":"n","ratio":false}""", "ratio", "expected a number")]
    // boolean
    [InlineData("""{"name":"n","enabled":"true"}""", "enabled", "expected a boolean")]
    [InlineData("""{"name":"n","enabled":1}""", "enabled", "expected a boolean")]
    // uuid
    [InlineData("""{"name":"n","owner":"not-a-uuid"}""", "owner", "expected a valid UUID")]
    [InlineData("""{"name":"n","owner":42}""", "owner", "expected a valid UUID")]
    // array and its elements
    [InlineData("""{"name":"n","letters":"a"}""", "letters", "expected an array")]
    [InlineData("""{"name":"n","letters":{"a":1}}""", "letters", "expected an array")]
    [InlineData("""{"name":"n","letters":["a",1]}""", "letters.1", "expected a string")]
    [InlineData("""{"name":"n","letters":["a",null]}""", "letters.1", "required field missing")]
    // record
    [InlineData("""{"name":"n","child":"x"}""", "child", "expected a record")]
    [InlineData("""{"name":"n","child":[]}""", "child", "expected a record")]
    [InlineData("""{"name":"n","child":{"weight":"x"}}""", "child.weight", "expected an integer")]
    // map and its values
    [InlineData("""{"name":"n","counts":[1]}""", "counts", "expected a map")]
    [InlineData("""{"name":"n","counts":"a=1"}""", "counts", "expected a map")]
    [InlineData("""{"name":"n","counts":{"a":"x"}}""", "counts.a", "expected an integer")]
    [InlineData("""{"name":"n","counts":{"a":null}}""", "counts.a", "required field missing")]
    // required
    [InlineData("""{}""", "name", "required field missing")]
    [InlineData("""{"name":null}""", "name", "required field missing")]
    // between
    [InlineData("""{"name":"n","level":0}""", "level", "value should be between 1 and 10")]
    [InlineData("""{"name":"n","level":11}""", "level", "value should be between 1 and 10")]
    [InlineData("""{"name":"n","child":{"weight":101}}""", "child.weight", "value should be between 0 and 100")]
    // one_of on a scalar (string and integer) and on the elements of a list
    [InlineData("""{"name":"n","mode":"medium"}""", "mode", "expected one of: fast, slow")]
    [InlineData("""{"name":"n","mode":"FAST"}""", "mode", "expected one of: fast, slow")]
    [InlineData("""{"name":"n","redirect":303}""", "redirect", "expected one of: 301, 302")]
    [InlineData("""{"name":"n","letters":["a","c"]}""", "letters.1", "expected one of: a, b")]
    // min length on a list and on a string
    [InlineData("""{"name":"n","letters":[]}""", "letters", "length must be at least 1")]
    [InlineData("""{"name":"n","code":"ab"}""", "code", "length must be at least 3")]
    // starts_with
    [InlineData("""{"name":"n","path":"api"}""", "path", "should start with: /")]
    public void CheckRecord_BadField_ReportsFieldAndMessage(string json, string path, string message)
    {
        var errors = new FieldErrors();

        JsonShapeChecker.CheckRecord(TestConfig.Obj(json), Schema, errors);

        Assert.Equal([path + ": " + message], errors.Describe());
    }

    [Theory]
    [InlineData("""{"name":"n"}""")]
    [InlineData("""{"name":"","count":-2147483648,"level":1}""")]
    [InlineData("""{"name":"n","count":2147483647,"level":10}""")]
    [InlineData("""{"name":"n","total":9007199254740993}""")]
    [InlineData("""{"name":"n","ratio":3,"enabled":false,"owner":"8a2b7c4d-1e2f-4a5b-9c8d-7e6f5a4b3c2d"}""")]
    [InlineData("""{"name":"n","letters":["a","b","a"],"mode":"slow","redirect":302,"code":"abc","path":"/x"}""")]
    [InlineData("""{"name":"n","child":{"weight":0,"label":"l"},"counts":{"a":1,"b":2},"note":"x"}""")]
    public void CheckRecord_ValidInput_ReportsNothingAndCopiesEveryValue(string json)
    {
        var errors = new FieldErrors();
        var input = TestConfig.Obj(json);

        var clean = JsonShapeChecker.CheckRecord(input, Schema, errors);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.Describe()));
        Assert.True(JsonNode.DeepEquals(input, clean), clean?.ToJsonString());
    }

    [Fact]
    public void CheckRecord_ExplicitNullOnFieldWithDefault_IsDroppedSoTheDefaultApplies()
    {
        var errors = new FieldErrors();

        var clean = JsonShapeChecker.CheckRecord(
            TestConfig.Obj("""{"name":"n","count":null,"enabled":null,"mode":null,"child":null}"""), Schema, errors);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.Describe()));
        Assert.Equal(["name"], clean!.Select(p => p.Key));
        var typed = clean.Deserialize<ShapeSample>(ConfigJson.Options)!;
        Assert.Equal(1, typed.Count);
        Assert.True(typed.Enabled);
        Assert.Equal("fast", typed.Mode);
        Assert.Equal(1, typed.Child.Weight);
    }

    [Fact]
    public void CheckRecord_ExplicitNullOnNullableField_IsKeptAsNull()
    {
        var errors = new FieldErrors();

        var clean = JsonShapeChecker.CheckRecord(TestConfig.Obj("""{"name":"n","note":null,"letters":null}"""), Schema, errors);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.Describe()));
        Assert.True(clean!.ContainsKey("note"));
        Assert.Null(clean["note"]);
        Assert.True(clean.ContainsKey("letters"));
        Assert.Null(clean["letters"]);
    }

    [Fact]
    public void CheckRecord_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var errors = new FieldErrors();

        JsonShapeChecker.CheckRecord(
            TestConfig.Obj("""{"count":"x","extra":true,"level":99,"child":{"weight":-1},"letters":["z","a"],"counts":{"k":false}}"""),
            Schema,
            errors);

        Assert.Equal(
            [
                "child.weight: value should be between 0 and 100",
                "count: expected an integer",
                "counts.k: expected an integer",
                "extra: unknown field",
                "letters.0: expected one of: a, b",
                "level: value should be between 1 and 10",
                "name: required field missing",
            ],
            errors.Describe());
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void CheckRecord_UnsupportedField_ReportsTheGivenReasonInsteadOfUnknownField()
    {
        var errors = new FieldErrors();
        var unsupported = new Dictionary<string, string> { ["legacy"] = "legacy mode is not supported" };

        JsonShapeChecker.CheckRecord(TestConfig.Obj("""{"name":"n","legacy":1,"other":2}"""), Schema, errors, unsupported);

        Assert.Equal(["legacy: legacy mode is not supported", "other: unknown field"], errors.Describe());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void CheckRecord_NotAnObject_ReturnsNull(string json)
    {
        var errors = new FieldErrors();

        Assert.Null(JsonShapeChecker.CheckRecord(JsonNode.Parse(json), Schema, errors));
    }

    [Fact]
    public void CheckRecord_ValidInput_ReturnsACopyThatDoesNotShareNodesWithTheInput()
    {
        var input = TestConfig.Obj("""{"name":"n","letters":["a"]}""");

        var clean = JsonShapeChecker.CheckRecord(input, Schema, new FieldErrors())!;
        clean["letters"]!.AsArray().Add("b");

        Assert.Single(input["letters"]!.AsArray());
    }
}
