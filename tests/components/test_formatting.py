def test_counted_puts_the_noun_in_the_right_number() -> None:
    from components.formatting import counted

    assert counted(1, "row") == "1 row"
    assert counted(3444, "row") == "3,444 rows"
    assert counted(1, "county council", "county councils") == "1 county council"
    assert counted(0, "new value") == "0 new values"
