namespace understudy::ui_placeholder {}
