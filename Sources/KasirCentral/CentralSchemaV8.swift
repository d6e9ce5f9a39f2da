extension CentralSchema {
    /// Version 8: transcripts are found by their number.
    ///
    /// A café journals each transcript it issues (`transcript_issues`, café schema v19); the
    /// public verification page finds the entry by the number alone, across every café, and
    /// then every later entry of the same row. Both indexes hold only those rows, so the rest
    /// of the journal pays nothing for them.
    ///
    /// The number is read from the snapshot's text with a pattern, not by casting it to
    /// `jsonb`: a snapshot of a table no free text is withheld from is not parsed on its way
    /// in, and a cast that fails would refuse a batch, or stop this index being built over a
    /// journal that already holds one. The café writes its snapshots' keys without white
    /// space; inside the `figures` string the same key is escaped (`\"number\"`), so the
    /// pattern finds the row's own number only. The lookup reads the snapshot whole after.
    static let transcriptLookup: [String] = [
        #"""
        CREATE INDEX journal_transcript_number
            ON journal ((substring(snapshot, '"number":"(TR-[0-9]{1,12}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})"')))
            WHERE row_table = 'transcript_issues';
        """#,
        """
        CREATE INDEX journal_transcript_row ON journal (cafe, row_key, seq) WHERE row_table = 'transcript_issues';
        """,
    ]
}
