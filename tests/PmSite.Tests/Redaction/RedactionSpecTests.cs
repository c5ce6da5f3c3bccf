namespace PmSite.Tests.Redaction;

/// <summary>
/// The redaction spec: Markdown in, redacted Markdown out, one row per behaviour. In prose a token's brackets are
/// escaped (<c>\[amount\]</c> renders "[amount]"); in code it is written as it reads. Names come from
/// <see cref="RedactionKit"/>: Marta Kowalczyk (configured), alice.chen and bob.okafor (author and reviewer of a
/// post-mortem), customers Globex Corporation and Brightwater Outfitters, systems Bluebird and pg-prod-07.
/// </summary>
public sealed class RedactionSpecTests
{
    public static TheoryData<string, string, string> Spec => new()
    {
        // People: configured names, authors and reviewers in every form, possessives, one pseudonym per person.
        { "configured name", "Marta Kowalczyk rolled back the release.", "Engineer 1 rolled back the release." },
        { "first name alone", "Marta rolled back.", "Engineer 1 rolled back." },
        { "surname alone", "Kowalczyk paged the database team.", "Engineer 1 paged the database team." },
        { "possessive", "Marta's rollback worked.", "Engineer 1's rollback worked." },
        { "one person, several forms", "Alice Chen (alice.chen, @alice.chen, Alice) led.", "Engineer 1 (Engineer 1, Engineer 1, Engineer 1) led." },
        { "two people, two pseudonyms", "@bob.okafor handed over to Marta.", "Engineer 1 handed over to Engineer 2." },
        { "unknown handle", "@kemi.adeyemi escalated.", "Engineer 1 escalated." },
        { "team handle", "@sre-team was paged.", "Team A was paged." },
        { "room-wide mentions are not people", "Paged @here and @channel.", "Paged @here and @channel." },
        { "lower-case first name is a word", "The dev environment and alice.chen.", "The dev environment and Engineer 1." },
        { "name in a code block", "```text\nrestarted by Marta Kowalczyk\n```", "```text\nrestarted by Engineer 1\n```" },
        { "name in a code span", "Set `owner=alice.chen` in the job.", "Set `owner=Engineer 1` in the job." },
        { "annotation in code is not a handle", "Mark it `@Override` and ship.", "Mark it `@Override` and ship." },
        { "name in a URL path", "See https://status.example.com/people/marta-kowalczyk today.", "See \\[link\\] today." },
        { "ticket in a tracker URL", "Filed as https://jira.example.com/browse/PAY-12.", "Filed as \\[link\\]." },
        { "entity-encoded apostrophe", "Marta&#39;s fix held.", "Engineer 1&#39;s fix held." },

        // Customers.
        { "customer", "Globex Corporation saw errors.", "Customer A saw errors." },
        { "customer, lower case", "errors for globex corporation only", "errors for Customer A only" },
        { "customer possessive", "Globex's checkout failed.", "Customer A's checkout failed." },
        { "customer possessive after s", "Brightwater Outfitters' launch drove traffic.", "Customer A's launch drove traffic." },
        { "two customers", "Initech and Globex Corporation, then Initech again.", "Customer A and Customer B, then Customer A again." },
        { "entity-encoded customer", "Br&#105;ghtwater&nbsp;Outfitters called.", "Customer A called." },
        { "customer in a heading", "## Impact on Globex Corporation", "## Impact on Customer A" },
        { "customer in image alt text", "![Globex Corporation dashboard](graph.png)", "![Customer A dashboard](graph.png)" },

        // Systems and terms.
        { "systems", "Bluebird lagged and pg-prod-07 ran out of disk.", "Service A lagged and Service B ran out of disk." },
        { "system in a host name is the host's", "ssh pg-prod-07.corp.acme.internal", "ssh \\[internal host\\]" },
        { "term, mid-sentence", "during Project Bluebird the queue moved.", "during a database migration project the queue moved." },
        { "term opening a sentence", "Project Bluebird moved the queue.", "A database migration project moved the queue." },
        { "keep is never touched", "PostgreSQL on Kubernetes, fronted by Redis.", "PostgreSQL on Kubernetes, fronted by Redis." },

        // Internal hosts, URLs, emails.
        { "internal host", "Disk full on kafka-b3.corp.acme.internal at noon.", "Disk full on \\[internal host\\] at noon." },
        { "internal URL", "Board: https://grafana.corp.acme.internal/d/pools?from=now-6h.", "Board: \\[internal URL\\]." },
        { "hostname as a link target", "[the dashboard](https://grafana.corp.acme.internal/d/x)", "[the dashboard](#redacted)" },
        { "reference-style link target", "See [the board][b].\n\n[b]: https://grafana.corp.acme.internal/d/x", "See [the board][b].\n\n[b]: #redacted" },
        { "autolink", "<https://wiki.corp.acme.internal/runbooks/db>", "\\[internal URL\\]" },
        { "email", "Write to oncall@acme.com or m.kowalczyk@corp.acme.internal.", "Write to \\[email\\] or \\[email\\]." },
        { "public host stays", "Browsers could not reach www.shop.example.com.", "Browsers could not reach www.shop.example.com." },
        { "an SSH remote is not a mailbox", "`git clone git@github.com:acme/app.git`", "`git clone git@github.com:acme/app.git`" },

        // IP addresses: validated, not pattern-matched.
        { "IP in a log line", "```\n14:02:41 ERROR checkout failed client=10.20.4.17 port=5432\n```", "```\n14:02:41 ERROR checkout failed client=[ip] port=5432\n```" },
        { "IP in prose", "Traffic from 172.16.8.1 spiked.", "Traffic from \\[ip\\] spiked." },
        { "IPv6", "Bound to fe80::1ff:fe23:4567:890a on eth0.", "Bound to \\[ip\\] on eth0." },
        { "not an IP: octet over 255", "value 10.0.0.256 is invalid", "value 10.0.0.256 is invalid" },
        { "not an IP: versions", "Upgraded to v1.2.3.4 (version 10.4.0.1), release 2023.34.1, image 1.4.22.3.", "Upgraded to v1.2.3.4 (version 10.4.0.1), release 2023.34.1, image 1.4.22.3." },
        { "not an IP: loopback and times", "curl 127.0.0.1 at 14:02:41, std::vector", "curl 127.0.0.1 at 14:02:41, std::vector" },

        // Money and business metrics.
        { "dollar figure", "About $45,000 in orders were lost.", "About \\[amount\\] in orders were lost." },
        { "euro with magnitude", "Credits of €1.2M were issued.", "Credits of \\[amount\\] were issued." },
        { "currency code after", "Refunds reached 12,000 USD.", "Refunds reached \\[amount\\]." },
        { "metric without a symbol", "ARR of 4.2M at risk; revenue impact: about 84,000 in orders.", "ARR of \\[amount\\] at risk; revenue impact: about \\[amount\\] in orders." },
        { "percentages and sizes stay", "Availability 99.95%, 270 GB a day, HTTP 503 for 30 s.", "Availability 99.95%, 270 GB a day, HTTP 503 for 30 s." },
        { "a year after revenue stays", "Revenue in 2023 was flat.", "Revenue in 2023 was flat." },

        // Card and account numbers.
        { "card number (Luhn)", "Card 4111 1111 1111 1111 was declined.", "Card \\[card number\\] was declined." },
        { "not a card: Luhn fails", "Order 4111 1111 1111 1112 was declined.", "Order 4111 1111 1111 1112 was declined." },
        { "IBAN", "Paid to GB82 WEST 1234 5698 7654 32 today.", "Paid to \\[account number\\] today." },
        { "account number", "Account number: 12345678 was frozen.", "Account number: \\[account number\\] was frozen." },

        // Tickets and withheld incidents.
        { "tickets with configured prefixes", "Fixed in PAY-1234 and proj-77; see OPS-12.", "Fixed in \\[ticket\\] and \\[ticket\\]; see OPS-12." },
        { "withheld incident id", "As in INC-9, the alert was unrouted.", "As in another incident, the alert was unrouted." },
        { "public incident id stays", "As in INC-1, the pool ran dry.", "As in INC-1, the pool ran dry." },
        { "link to a withheld post-mortem", "[the ledger incident](../2024/INC-9-ledger-drift.md)", "[the ledger incident](#redacted)" },
        { "withheld title", "Read Ledger drift between the billing and payout databases first.", "Read another incident first." },

        // Secrets.
        { "AWS access key", "key id AKIAIOSFODNN7EXAMPLE leaked", "key id \\[secret\\] leaked" },
        { "GitHub token", "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 in CI", "token \\[secret\\] in CI" },
        { "Slack token", "bot xoxb-123456789012-abcdefghijkl posted", "bot \\[secret\\] posted" },
        { "JWT", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk", "Bearer \\[secret\\]" },
        { "password after its label", "`DB_PASSWORD=Hunter2!x` was in the log.", "`DB_PASSWORD=[secret]` was in the log." },
        { "high-entropy value after key", "api_key: 'a8f5f167f44f4964e6c998dee827110c'", "api_key: '\\[secret\\]'" },
        { "private key block", "```\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----\n```", "```\n[secret]\n\n\n```" },
        { "private key cut short", "```\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n```", "```\n[secret]\n\n```" },
        { "a key header alone is not a key", "Files that begin with `-----BEGIN EC PRIVATE KEY-----` are keys.", "Files that begin with `-----BEGIN EC PRIVATE KEY-----` are keys." },
        { "a secret's path is not the secret", "`secretRef: vault/prod/webhooks`", "`secretRef: vault/prod/webhooks`" },
        { "words after key labels stay", "Token: expired. Password: changed. Key takeaways: rotate.", "Token: expired. Password: changed. Key takeaways: rotate." },

        // Channels.
        { "channel", "Escalated to #inc-checkout at 09:12.", "Escalated to #\\[channel\\] at 09:12." },
        { "anchors, colours and one-word channels stay", "[Root cause](#root-cause-analysis), #fff, #general, #123", "[Root cause](#root-cause-analysis), #fff, #general, #123" },
    };

    [Theory]
    [MemberData(nameof(Spec))]
    public void Markdown_is_redacted_as_specified(string behaviour, string input, string expected)
    {
        Assert.True(expected == RedactionKit.Markdown(input), $"{behaviour}: expected «{expected}», got «{RedactionKit.Markdown(input)}»");
    }

    [Theory]
    [InlineData("Marta's fix saved $5,000", "Engineer 1's fix saved [amount]")]
    [InlineData("Escalated to #inc-payments by @bob.okafor", "Escalated to #[channel] by Engineer 1")]
    [InlineData("Ledger sync for Globex Corporation", "Ledger sync for Customer A")]
    public void Plain_text_gets_unescaped_tokens(string input, string expected)
    {
        Assert.Equal(expected, RedactionKit.Plain(input));
    }

    [Fact]
    public void Authors_that_are_teams_or_everyday_words_are_replaced_but_not_hunted_in_the_text()
    {
        var redactor = RedactionKit.Redactor();

        Assert.Equal("Team A, Engineer 1", redactor.Person("SRE") + ", " + redactor.Person("Will"));
        Assert.Equal("SRE will rotate keys. Will it help?", redactor.Markdown("SRE will rotate keys. Will it help?", "post-mortems"));
        Assert.Empty(redactor.Originals);
    }

    [Fact]
    public void Redacting_twice_changes_nothing_more()
    {
        var once = RedactionKit.Markdown("Marta paid $45,000 to Globex Corporation via PAY-1 from 10.1.2.3 in #inc-pay.");
        Assert.Equal(once, RedactionKit.Markdown(once));
    }

    [Fact]
    public void Pseudonyms_are_consistent_within_a_scope_across_texts()
    {
        var redactor = RedactionKit.Redactor();
        var authors = redactor.Person("alice.chen") + ", " + redactor.Person("@bob.okafor");
        var body = redactor.Markdown("Bob Okafor paged Alice; Globex Corporation and Initech were told.", "post-mortems");
        var note = redactor.Plain("Initech first.");

        Assert.Equal("Engineer 1, Engineer 2", authors);
        Assert.Equal("Engineer 2 paged Engineer 1; Customer A and Customer B were told.", body);
        Assert.Equal("Customer B first.", note);
    }

    [Fact]
    public void The_report_counts_by_class_and_never_holds_originals()
    {
        var redactor = RedactionKit.Redactor();
        redactor.Markdown("Marta paid $45,000 to Globex Corporation; PAY-1, PAY-2.", "post-mortems");

        Assert.Equal(1, redactor.Report.Counts["people"]);
        Assert.Equal(1, redactor.Report.Counts["money"]);
        Assert.Equal(1, redactor.Report.Counts["customers"]);
        Assert.Equal(2, redactor.Report.Counts["tickets"]);
        Assert.Equal(["Customer A"], redactor.Report.Pseudonyms["customers"]);
        Assert.Contains(redactor.Originals, o => o.Text == "Globex Corporation");
    }
}
