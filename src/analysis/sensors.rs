//! Which sensor a `registerListener(listener, sensor, rate)` call registers: the
//! `Sensor.TYPE_*` constant its sensor argument names, directly
//! (`getDefaultSensor(Sensor.TYPE_HEART_RATE)`) or through the local, field or block
//! parameter (`?.let { light -> .. }`) it was stored in anywhere in the file.
//! `knowledge/frequency.toml` `[sensors]` says which types read personal data (heart
//! rate, steps, motion) and which do not (proximity, light).

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
    sensor_type_within(module, arg, 3)
}

fn sensor_type_within(module: &Module, arg: &Expr, depth: u32) -> Option<String> {
    if let Some(t) = named_type(arg) {
        return Some(t);
    }
    let name = arg.last_name()?;
    let mut handed: Option<&Expr> = None;
    let mut found = None;
    for func in &module.functions {
        walk_exprs(&func.body, &mut |x| {
            match &x.kind {
                ExprKind::Assign { target, value, .. }
                    if target.last_name() == Some(name) && found.is_none() =>
                {
                    found = named_type(value);
                }
                // The parameter of a block run on the sensor:
                // `getDefaultSensor(TYPE_LIGHT)?.let { light -> register(.., light, ..) }`,
                // lowered as the block invoked with the value.
                ExprKind::Call(c) if c.name == "invoke" && handed.is_none() => {
                    let block = match c.receiver.as_deref().map(|r| &r.kind) {
                        Some(ExprKind::Lambda(l)) => module.functions.get(*l as usize),
                        _ => None,
                    };
                    if block
                        .and_then(|f| f.params.first())
                        .is_some_and(|p| p.name == name)
                    {
                        handed = c.args.first();
                    }
                }
                // A temporary of a block used as a value (`$value1` above).
                ExprKind::Block { stmts, .. } if found.is_none() => {
                    for s in stmts {
                        if let Stmt::Let {
                            name: n,
                            init: Some(init),
                            ..
                        } = s
                        {
                            if n == name {
                                found = named_type(init);
                            }
                        }
                    }
                }
                _ => {}
            }
        });
        visit_lets(&func.body, &mut |n, _, init| {
            if n == name && found.is_none() {
                found = init.and_then(named_type);
            }
        });
    }
    if let (None, Some(value)) = (&found, handed.filter(|_| depth > 0)) {
        found = sensor_type_within(module, value, depth - 1);
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
