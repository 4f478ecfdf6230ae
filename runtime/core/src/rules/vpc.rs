//! `vpc: { subnets, security_groups, ipv6 }`: the network a function's interfaces are in.
//!
//! Lambda takes at most 16 subnets and 5 security groups per function (`VpcConfig` in the Lambda
//! API reference, as of 2026-12-02), and a VPC configuration with subnets needs at least one
//! security group. EC2 IDs are the prefix and 8 or 17 lowercase hexadecimal digits.
//!
//! ```
//! use lambda_stack_core::rules::vpc;
//! assert!(vpc::check_subnet_id("subnet-0123456789abcdef0").is_ok());
//! assert!(vpc::check_security_group_id("sg-12345678").is_ok());
//! assert!(vpc::check_subnet_id("sg-12345678").unwrap_err().contains("not a subnet ID"));
//! ```

/// At most this many subnets per function.
pub const MAX_SUBNETS: usize = 16;
/// At most this many security groups per function.
pub const MAX_SECURITY_GROUPS: usize = 5;
/// The managed policy that lets Lambda create the function's network interfaces.
pub const VPC_ACCESS_POLICY: &str = "AWSLambdaVPCAccessExecutionRole";

/// `subnet-` and 8 or 17 lowercase hexadecimal digits.
pub fn check_subnet_id(id: &str) -> Result<(), String> {
    check_id(id, "subnet", "subnet-0123456789abcdef0")
}

/// `sg-` and 8 or 17 lowercase hexadecimal digits.
pub fn check_security_group_id(id: &str) -> Result<(), String> {
    check_id(id, "sg", "sg-0123456789abcdef0")
}

fn check_id(id: &str, prefix: &str, example: &str) -> Result<(), String> {
    let what = if prefix == "sg" { "security group" } else { "subnet" };
    let digits = id.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('-'));
    match digits {
        Some(hex)
            if [8, 17].contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "`{id}` is not a {what} ID; expected `{prefix}-` and 8 or 17 lowercase hexadecimal digits, such as `{example}`"
        )),
    }
}

/// The number of subnets and security groups Lambda takes, as far as they are listed.
pub fn check_counts(subnets: Option<usize>, security_groups: Option<usize>) -> Result<(), (bool, String)> {
    if let Some(n) = subnets {
        if n == 0 {
            return Err((true, "no subnet: a function in a VPC needs at least one; add `subnets: [..]`".into()));
        }
        if n > MAX_SUBNETS {
            return Err((true, format!("{n} subnets; Lambda takes at most {MAX_SUBNETS} per function")));
        }
    }
    if let Some(n) = security_groups {
        if n == 0 {
            return Err((
                false,
                "no security group: Lambda needs at least one for a function in a VPC; add `security_groups: [..]`"
                    .into(),
            ));
        }
        if n > MAX_SECURITY_GROUPS {
            return Err((
                false,
                format!("{n} security groups; Lambda takes at most {MAX_SECURITY_GROUPS} per function"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(check_subnet_id("subnet-12345678").is_ok());
        assert!(check_subnet_id("subnet-0123456789ABCDEF0").is_err());
        assert!(check_subnet_id("subnet-123").is_err());
        assert!(check_security_group_id("sg-0123456789abcdef0").is_ok());
        assert!(check_security_group_id("subnet-12345678").unwrap_err().contains("security group ID"));
    }

    #[test]
    fn counts() {
        assert!(check_counts(Some(2), Some(1)).is_ok());
        assert!(check_counts(Some(0), Some(1)).unwrap_err().1.contains("no subnet"));
        assert!(check_counts(Some(17), None).unwrap_err().1.contains("at most 16"));
        assert!(!check_counts(None, Some(6)).unwrap_err().0);
    }
}
