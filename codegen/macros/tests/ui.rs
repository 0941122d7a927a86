//! The macros' diagnostics are part of their interface: each mistake in a
//! declaration must be refused with a message that says how to fix it, at the
//! token that is wrong. `TRYBUILD=overwrite` regenerates the `.stderr` files.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
