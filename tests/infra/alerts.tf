# Hand-written Terraform that tests/adoption.rs includes: an email subscription to the topic the
# stack generates, and the variable it is addressed with.
variable "alert_email" {
  type    = string
  default = "ops@example.com"
}

resource "aws_sns_topic_subscription" "ops_email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
}
