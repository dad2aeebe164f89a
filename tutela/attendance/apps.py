from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "tutela.attendance"
    verbose_name = "Attendance"
