//! Unit tests of the migration: reading CDKTF's JSON, translating, pairing, writing the source.

use super::cdktf::{leading_reference, literal, pieces, references_in, rewrite_text, Piece, Reference};
use crate::terraform::Address;

#[test]
fn references_are_found_in_templates_and_json_strings() {
    let policy = r#"{"Resource": ["${aws_s3_bucket.uploads.arn}/*", "${aws_sqs_queue.jobs-dlq.arn}"]}"#;
    assert_eq!(
        references_in(policy),
        vec![Reference::new("aws_s3_bucket", "uploads", "arn"), Reference::new("aws_sqs_queue", "jobs-dlq", "arn")]
    );
    assert_eq!(references_in("${var.stage}-${local.x}"), vec![]);
    assert_eq!(references_in("${data.aws_region.current.name}"), vec![Reference::new("data.aws_region", "current", "name")]);
    assert_eq!(literal("$${not} a reference"), Some("${not} a reference".into()));
    assert_eq!(literal("${aws_x.y.z}"), None);
    let (reference, rest) = leading_reference("${aws_apigatewayv2_api.http-api.execution_arn}/*/*").unwrap();
    assert_eq!((reference.address.to_string().as_str(), rest.as_str()), ("aws_apigatewayv2_api.http-api", "/*/*"));
    assert!(leading_reference("${element(aws_x.y.z, 0)}").is_none(), "a call is not one reference");
    assert!(matches!(pieces("%{if x}a%{endif}").as_slice(), [Piece::Expr { directive: true, .. }, ..]));
}

#[test]
fn rewriting_moves_addresses_and_leaves_text_alone() {
    let moves = std::collections::BTreeMap::from([
        (Address::new("aws_iam_role", "r_1"), Address::new("aws_iam_role", "hello_role")),
        (Address::new("aws_s3_bucket", "b"), Address::new("aws_s3_bucket", "uploads")),
    ]);
    assert_eq!(rewrite_text("aws_iam_role.r_1 ${aws_iam_role.r_1.arn}", &moves), "aws_iam_role.r_1 ${aws_iam_role.hello_role.arn}");
    assert_eq!(
        rewrite_text("${format(\"%s/*\", aws_s3_bucket.b.arn)}:${aws_s3_bucket.bb.arn}", &moves),
        "${format(\"%s/*\", aws_s3_bucket.uploads.arn)}:${aws_s3_bucket.bb.arn}"
    );
}
