//! lambda-stack macros
