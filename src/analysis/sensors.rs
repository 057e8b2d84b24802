//! Which sensor a `registerListener(listener, sensor, rate)` call registers: the
//! `Sensor.TYPE_*` constant its sensor argument names, directly
//! (`getDefaultSensor(Sensor.TYPE_HEART_RATE)`) or through the local or field it was
//! stored in anywhere in the file. `knowledge/frequency.toml` `[sensors]` says which
//! types read personal data (heart rate, steps, motion) and which do not (proximity,
//! light).

use crate::ir::*;

/// The `TYPE_*` constant an expression names, if any.
fn named_type(e: &Expr) -> Option<String> {
    let mut found = None;
    walk_expr(e, &mut |x| {
        if let Some(n) = x.last_name() {
            if n.starts_with("TYPE_") && found.is_none() {
                found = Some(n.to_string());
            }
        }
    });
    found
}

/// The sensor type (`TYPE_HEART_RATE`) a sensor argument stands for in `module`.
pub fn sensor_type(module: &Module, arg: &Expr) -> Option<String> {
    if let Some(t) = named_type(arg) {
        return Some(t);
    }
    let name = arg.last_name()?;
    let mut found = None;
    for func in &module.functions {
        walk_exprs(&func.body, &mut |x| {
            if let ExprKind::Assign { target, value, .. } = &x.kind {
                if target.last_name() == Some(name) && found.is_none() {
                    found = named_type(value);
                }
            }
        });
        visit_lets(&func.body, &mut |n, _, init| {
            if n == name && found.is_none() {
                found = init.and_then(named_type);
            }
        });
    }
    found.or_else(|| {
        module
            .classes
            .iter()
            .flat_map(|c| &c.fields)
            .filter(|f| f.name == name)
            .find_map(|f| f.init.as_ref().and_then(named_type))
    })
}
